from mentoring.views import applicant, coordinator

app_name = "mentoring"

urlpatterns = [*applicant.urlpatterns, *coordinator.urlpatterns]
