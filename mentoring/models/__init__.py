from mentoring.models.application import Application, ApplicationStatus, StatusChange
from mentoring.models.figures import ProgrammeTargets
from mentoring.models.followup import AnswerSource, FollowUpSurvey, Outcome, SurveyKind
from mentoring.models.guidance import GuidanceBooking, GuidanceMode, GuidanceOutcome, GuidanceSlot
from mentoring.models.intake import EligibilityRefusal, Intake
from mentoring.models.matching import MatchingChoice, MatchingRun
from mentoring.models.mentor import MentorInvitation, MentorProfile
from mentoring.models.mentoring import Goal, Meeting, PrivateNote
from mentoring.models.mentorship import Mentorship, MentorshipChange, MentorshipStatusChoices
from mentoring.models.privacy import AccessLog, ErasureRequest
from mentoring.models.profile import ApplicantProfile
from mentoring.models.review import DEFAULT_RUBRIC, IdentityReveal, Review
from mentoring.models.training import Enrolment, EnrolmentStatus

__all__ = [
    "DEFAULT_RUBRIC",
    "AccessLog",
    "AnswerSource",
    "ApplicantProfile",
    "Application",
    "ApplicationStatus",
    "EligibilityRefusal",
    "Enrolment",
    "EnrolmentStatus",
    "ErasureRequest",
    "FollowUpSurvey",
    "Goal",
    "GuidanceBooking",
    "GuidanceMode",
    "GuidanceOutcome",
    "GuidanceSlot",
    "IdentityReveal",
    "Intake",
    "MatchingChoice",
    "MatchingRun",
    "Meeting",
    "MentorInvitation",
    "MentorProfile",
    "Mentorship",
    "MentorshipChange",
    "MentorshipStatusChoices",
    "Outcome",
    "PrivateNote",
    "ProgrammeTargets",
    "Review",
    "StatusChange",
    "SurveyKind",
]
