"""The language a person reads their e-mail in."""

from django.conf import settings


def language_of(user) -> str:
    """The contact language of the person's applicant profile, else the site's default (Swedish).

    One query when the profile is not loaded yet; none when it was selected with the user.
    """
    profile = getattr(user, "applicant_profile", None)
    return profile.contact_language if profile else settings.LANGUAGE_CODE
