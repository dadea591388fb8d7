"""Placeholder: filled in by the person work."""

urlpatterns = []
