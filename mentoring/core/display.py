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


# The columns of an account that `person_name_from` makes its name of.
PERSON_NAME_FIELDS = ("first_name", "last_name", "email")
# The columns of an application that `participant_name_from` makes its name of.
PARTICIPANT_NAME_FIELDS = (
    "applicant__applicant_profile__first_name",
    "applicant__applicant_profile__last_name",
    *(f"applicant__{field}" for field in PERSON_NAME_FIELDS),
)


def person_name_from(values: dict, *, prefix: str = "") -> str:
    """`person_name` of an account read as `values(*PERSON_NAME_FIELDS)`, each field's name
    behind `prefix` (`"mentor__user__"` when read through a mentorship): for lists that need
    a name and not the object it is made of."""
    first, last, email = (values[prefix + field] for field in PERSON_NAME_FIELDS)
    if email is None:  # an account deleted since, read through a nullable relation
        return person_name(None)
    return f"{first} {last}".strip() or email


def participant_name_from(values: dict, *, prefix: str = "") -> str:
    """`participant_name` of an application read as `values(*PARTICIPANT_NAME_FIELDS)`, each
    field's name behind `prefix`: for lists that need a name and not the three objects it is
    made of."""
    first, last = (values[prefix + field] or "" for field in PARTICIPANT_NAME_FIELDS[:2])
    return f"{first} {last}".strip() or person_name_from(values, prefix=f"{prefix}applicant__")


def name_without_address(user) -> str:
    """The name a person gave (applicant profile, else account), or "" when they gave none.

    For places that must not show an e-mail address, such as another person's calendar.
    No query when the applicant profile was selected with the user.
    """
    if user is None:
        return ""
    profile = getattr(user, "applicant_profile", None)
    return (profile.full_name if profile else "") or user.get_full_name()
