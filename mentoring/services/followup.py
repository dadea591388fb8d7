"""Follow-up surveys and outcomes: scheduled when a mentorship ends, sent, reminded, answered or expired.

Every step takes `now`, so tests state the day; each survey's steps have their
own time stamps, so running a job twice does nothing twice.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction

from mentoring.models import FollowUpSurvey, Mentorship, SurveyKind

logger = logging.getLogger(__name__)

# Six months after the exit survey is due; a fixed number of days keeps the arithmetic plain.
SIX_MONTHS = timedelta(days=182)


@transaction.atomic
def surveys_after_mentorship(*, mentorship: Mentorship, now: datetime) -> list[FollowUpSurvey]:
    """Schedule the participant's exit survey (due now) and six-month survey (due in six months).

    A participant has one survey of each kind: a second ended mentorship schedules nothing new.
    """
    surveys = []
    for kind, due_at in ((SurveyKind.EXIT, now), (SurveyKind.SIX_MONTHS, now + SIX_MONTHS)):
        survey, created = FollowUpSurvey.objects.get_or_create(
            participant_id=mentorship.participant_id,
            kind=kind,
            defaults={"mentorship": mentorship, "due_at": due_at},
        )
        if created:
            logger.info(
                "survey %s (%s) of application %s due %s", survey.pk, kind, survey.participant_id, due_at
            )
        surveys.append(survey)
    return surveys
