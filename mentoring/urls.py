from mentoring.applications.views import applicant, intakes
from mentoring.applications.views import review as coordinator
from mentoring.calendars import views as calendars
from mentoring.certificates import views as certificates
from mentoring.companies import views as company
from mentoring.figures import views as figures
from mentoring.followup import views as followup
from mentoring.guidance.views import urlpatterns as guidance_urlpatterns
from mentoring.matching import views as matching
from mentoring.mentors import views as mentor
from mentoring.mentorships.views import coordinator as coordinator_mentorships
from mentoring.mentorships.views import mentor as mentor_mentorships
from mentoring.mentorships.views import mentorship
from mentoring.mentorships.views import planning as planned_meetings
from mentoring.people import views as person
from mentoring.privacy import views as privacy
from mentoring.training.views import attendance
from mentoring.training.views import enrolment as training

app_name = "mentoring"

urlpatterns = [
    *applicant.urlpatterns,
    *intakes.urlpatterns,
    *coordinator.urlpatterns,
    *mentor.urlpatterns,
    *matching.urlpatterns,
    *mentor_mentorships.urlpatterns,
    *mentorship.urlpatterns,
    *planned_meetings.urlpatterns,
    *coordinator_mentorships.urlpatterns,
    *followup.urlpatterns,
    *figures.urlpatterns,
    *privacy.urlpatterns,
    *guidance_urlpatterns,
    *training.urlpatterns,
    *attendance.urlpatterns,
    *certificates.urlpatterns,
    *company.urlpatterns,
    *person.urlpatterns,
    *calendars.urlpatterns,
]
