from mentoring.views import applicant, coordinator, followup, matching, mentor, mentorship, privacy

app_name = "mentoring"

urlpatterns = [
    *applicant.urlpatterns,
    *coordinator.urlpatterns,
    *mentor.urlpatterns,
    *matching.urlpatterns,
    *mentorship.urlpatterns,
    *followup.urlpatterns,
    *privacy.urlpatterns,
]
