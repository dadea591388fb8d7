from mentoring.models.application import Application, ApplicationStatus, StatusChange
from mentoring.models.calendar_feed import CalendarFeed, FeedLanguage
from mentoring.models.certificate import Certificate, CertificateLanguage, WithdrawalReason
from mentoring.models.company import (
    CompanyNeed,
    CompanyRequest,
    CompanyRequestChange,
    CompanyRequestStatus,
    EffortKind,
)
from mentoring.models.figures import FiguresVersion, ProgrammeTargets
from mentoring.models.followup import AnswerSource, FollowUpSurvey, Outcome, SurveyKind
from mentoring.models.guidance import GuidanceBooking, GuidanceMode, GuidanceOutcome, GuidanceSlot
from mentoring.models.intake import EligibilityRefusal, Intake
from mentoring.models.matching import MatchingChoice, MatchingReturn, MatchingRun
from mentoring.models.mentor import MentorInvitation, MentorProfile
from mentoring.models.mentoring import Goal, Meeting, PrivateNote
from mentoring.models.mentorship import Mentorship, MentorshipChange, MentorshipStatusChoices
from mentoring.models.planned_meeting import PlannedMeeting, PlannedMeetingStatus
from mentoring.models.privacy import AccessLog, ErasureRequest
from mentoring.models.profile import ApplicantProfile
from mentoring.models.review import DEFAULT_RUBRIC, IdentityReveal, Review
from mentoring.models.training import (
    ATTENDANCE_HOURS_MAX,
    Attendance,
    Enrolment,
    EnrolmentChange,
    EnrolmentEvent,
    EnrolmentStatus,
)

__all__ = [
    "ATTENDANCE_HOURS_MAX",
    "DEFAULT_RUBRIC",
    "AccessLog",
    "AnswerSource",
    "ApplicantProfile",
    "Application",
    "ApplicationStatus",
    "Attendance",
    "CalendarFeed",
    "Certificate",
    "CertificateLanguage",
    "CompanyNeed",
    "CompanyRequest",
    "CompanyRequestChange",
    "CompanyRequestStatus",
    "EffortKind",
    "EligibilityRefusal",
    "Enrolment",
    "EnrolmentChange",
    "EnrolmentEvent",
    "EnrolmentStatus",
    "ErasureRequest",
    "FeedLanguage",
    "FiguresVersion",
    "FollowUpSurvey",
    "Goal",
    "GuidanceBooking",
    "GuidanceMode",
    "GuidanceOutcome",
    "GuidanceSlot",
    "IdentityReveal",
    "Intake",
    "MatchingChoice",
    "MatchingReturn",
    "MatchingRun",
    "Meeting",
    "MentorInvitation",
    "MentorProfile",
    "Mentorship",
    "MentorshipChange",
    "MentorshipStatusChoices",
    "Outcome",
    "PlannedMeeting",
    "PlannedMeetingStatus",
    "PrivateNote",
    "ProgrammeTargets",
    "Review",
    "StatusChange",
    "SurveyKind",
    "WithdrawalReason",
]
