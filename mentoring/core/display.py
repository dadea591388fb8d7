"""How the workflow's people and codes are named on the pages: one place, so every page says it alike."""

from django.utils.translation import gettext as _


def label_of(choices, code) -> str:
    """The readable label of a stored code; an unknown code is shown as it is rather than hidden."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def labels_of(choices, codes) -> list[str]:
    return [label_of(choices, code) for code in codes]


def person_name(user) -> str:
    """A user's full name, else their e-mail address (the user's own `str`); a deleted account says so."""
    return str(user) if user else _("(deleted account)")


def participant_name(application) -> str:
    """The name the participant gave in their applicant profile, else their account's name or e-mail."""
    profile = getattr(application.applicant, "applicant_profile", None)
    name = profile.full_name if profile else ""
    return name or person_name(application.applicant)


# The columns of an application that `participant_name_from` makes its name of.
PARTICIPANT_NAME_FIELDS = (
    "applicant__applicant_profile__first_name",
    "applicant__applicant_profile__last_name",
    "applicant__first_name",
    "applicant__last_name",
    "applicant__email",
)


def participant_name_from(values: dict) -> str:
    """`participant_name` of an application read as `values(*PARTICIPANT_NAME_FIELDS)`: for lists
    that need a name and not the three objects it is made of."""
    first, last, *account = (values[field] or "" for field in PARTICIPANT_NAME_FIELDS)
    account_first, account_last, email = account
    return f"{first} {last}".strip() or f"{account_first} {account_last}".strip() or email


def name_without_address(user) -> str:
    """The name a person gave (applicant profile, else account), or "" when they gave none.

    For places that must not show an e-mail address, such as another person's calendar.
    No query when the applicant profile was selected with the user.
    """
    if user is None:
        return ""
    profile = getattr(user, "applicant_profile", None)
    return (profile.full_name if profile else "") or user.get_full_name()
