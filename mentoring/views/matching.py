"""Placeholder: filled in by the matching pages."""

urlpatterns: list = []
