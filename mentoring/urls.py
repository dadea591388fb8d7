from mentoring.views import applicant, coordinator, followup, matching, mentor

app_name = "mentoring"

urlpatterns = [
    *applicant.urlpatterns,
    *coordinator.urlpatterns,
    *mentor.urlpatterns,
    *matching.urlpatterns,
    *followup.urlpatterns,
]
