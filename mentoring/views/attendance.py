"""Placeholder: filled in by the attendance work."""

urlpatterns = []
