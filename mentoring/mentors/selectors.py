"""Reads about mentors, filtered by what the asking person may see (STYLE.md rule 6)."""

from mentoring.models import (
    MentorProfile,
)


def mentor_profile_of(user) -> MentorProfile | None:
    """`user`'s own mentor profile, if they have one."""
    if not user.is_authenticated:
        return None
    return MentorProfile.objects.filter(user=user).first()
