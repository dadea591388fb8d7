"""The applicant's pages: eligibility check, profile, the application in steps, the dashboard."""

urlpatterns = []
