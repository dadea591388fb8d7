"""Placeholder: filled in by the mentor pages."""

urlpatterns: list = []
