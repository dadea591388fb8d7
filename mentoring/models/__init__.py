from mentoring.models.application import Application, ApplicationStatus, StatusChange
from mentoring.models.intake import EligibilityRefusal, Intake
from mentoring.models.matching import MatchingChoice, MatchingRun
from mentoring.models.mentor import MentorInvitation, MentorProfile
from mentoring.models.mentorship import Mentorship, MentorshipChange, MentorshipStatusChoices
from mentoring.models.profile import ApplicantProfile
from mentoring.models.review import DEFAULT_RUBRIC, IdentityReveal, Review

__all__ = [
    "DEFAULT_RUBRIC",
    "ApplicantProfile",
    "Application",
    "ApplicationStatus",
    "EligibilityRefusal",
    "IdentityReveal",
    "Intake",
    "MatchingChoice",
    "MatchingRun",
    "MentorInvitation",
    "MentorProfile",
    "Mentorship",
    "MentorshipChange",
    "MentorshipStatusChoices",
    "Review",
    "StatusChange",
]
