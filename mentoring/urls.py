from mentoring.views import (
    applicant,
    attendance,
    company,
    coordinator,
    figures,
    followup,
    matching,
    mentor,
    mentorship,
    person,
    privacy,
    training,
)
from mentoring.views.guidance import urlpatterns as guidance_urlpatterns

app_name = "mentoring"

urlpatterns = [
    *applicant.urlpatterns,
    *coordinator.urlpatterns,
    *mentor.urlpatterns,
    *matching.urlpatterns,
    *mentorship.urlpatterns,
    *followup.urlpatterns,
    *figures.urlpatterns,
    *privacy.urlpatterns,
    *guidance_urlpatterns,
    *training.urlpatterns,
    *attendance.urlpatterns,
    *company.urlpatterns,
    *person.urlpatterns,
]
