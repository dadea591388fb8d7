"""Demo programme targets with a period, so that the figures page has a forecast to show.

Both demo programmes started about eighteen months ago and end in about a year, with targets sized to
the demo's few dozen participants (a real programme's would be the funder's thousands): women's
entrepreneurship takes people in steadily through its open intake, so its forecast has a pace, short of
some targets and past others; start your own business took its intake in the summer and nobody since,
so its pace is zero. Natural key: the programme's Swedish page; targets already there are left as
they are (a coordinator may have changed them).
"""

from datetime import date

from content.models import ProgrammePage
from mentoring.figures.arithmetic.forecast import add_months, month_end, month_of
from mentoring.models import ProgrammeTargets

# Swedish slug → participants, employed at entry, job seekers at entry, women, women's share aim (%).
TARGETS = {
    "kvinnors-foretagande": (40, 25, 10, 35, 60),
    "starta-eget": (45, 30, 12, 20, 40),
}
STARTED_MONTHS_AGO = 18
ENDS_IN_MONTHS = 12


def demo_seed_targets(*, today: date, report) -> None:
    """Give each demo programme its targets and period, unless it has targets already."""
    starts_on = add_months(month_of(today), -STARTED_MONTHS_AGO)
    ends_on = month_end(add_months(month_of(today), ENDS_IN_MONTHS))
    for slug, (participants, employed, job_seekers, women, aim) in TARGETS.items():
        programme = ProgrammePage.objects.filter(slug=slug, locale__language_code="sv").first()
        if programme is None:
            continue
        _targets, created = ProgrammeTargets.objects.get_or_create(
            programme=programme,
            defaults={
                "participants": participants,
                "employed": employed,
                "job_seekers": job_seekers,
                "women": women,
                "women_share_aim": aim,
                "starts_on": starts_on,
                "ends_on": ends_on,
            },
        )
        report.count("targets", created=created)
