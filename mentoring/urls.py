from mentoring.views import applicant, coordinator, figures, followup, matching, mentor, mentorship, privacy

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
]
