"""The coordinators' pages: intakes, the review queue, an application, reviews and decisions."""

urlpatterns = []
