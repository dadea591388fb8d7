"""What the engine is given: participants, mentors and the weights of the score.

Plain data with the programme's codes as plain strings (sector "J", need
"financing", language "ar", municipality "molndal"); the Django side maps its
vocabularies onto these and the engine never imports them.
"""

from dataclasses import dataclass

NO_PREFERENCE = "no_preference"
PREFERRED = "preferred"
REQUIRED = "required"
WOMAN_MENTOR_CHOICES = (NO_PREFERENCE, PREFERRED, REQUIRED)

# The language nearly everyone shares; sharing it earns no language points
# unless the participant asked for it.
COMMON_LANGUAGE = "sv"


def normalise_company(name: str) -> str:
    """A company name as compared for conflicts of interest: case and spacing ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Participant:
    """An accepted applicant waiting for a mentor.

    `municipality` None means outside the member municipalities: never "the same" as anyone's.
    `former_employer` is the company the participant leaves (or None).
    """

    id: int
    sector: str
    needs: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    required_language: str | None = None
    municipality: str | None = None
    online_ok: bool = False
    woman_mentor: str = NO_PREFERENCE
    former_employer: str | None = None

    def __post_init__(self):
        if self.woman_mentor not in WOMAN_MENTOR_CHOICES:
            raise ValueError(f"participant {self.id}: woman_mentor must be one of {WOMAN_MENTOR_CHOICES}")


@dataclass(frozen=True)
class Mentor:
    """A mentor approved for matching. `capacity` is the number of free places now (not the total)."""

    id: int
    sectors: frozenset[str] = frozenset()
    expertise: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    municipality: str | None = None
    online_ok: bool = False
    capacity: int = 1
    is_woman: bool | None = None
    paused: bool = False
    company_ties: frozenset[str] = frozenset()

    def __post_init__(self):
        if self.capacity < 0:
            raise ValueError(f"mentor {self.id}: capacity must not be negative")


@dataclass(frozen=True)
class Weights:
    """Points for each part of the score; a pair's score is the sum of what it earns.

    - sector: the participant's sector is among the mentor's sectors;
    - needs: times the share of the participant's support needs the mentor covers;
    - place: same municipality; both willing to meet online earns half of it;
    - language: they share the language the participant asked for, or one besides Swedish;
    - preference: a woman mentor where the participant would prefer one.
    """

    sector: float = 3.0
    needs: float = 4.0
    place: float = 2.0
    language: float = 1.0
    preference: float = 1.0

    def __post_init__(self):
        for name in ("sector", "needs", "place", "language", "preference"):
            if getattr(self, name) < 0:
                raise ValueError(f"weight {name} must not be negative")
