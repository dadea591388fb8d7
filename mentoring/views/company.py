"""Placeholder: filled in by the company work."""

urlpatterns = []
