from datetime import date

import pytest
from django.utils import translation

from portal.templatetags.dates import date_range


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "written"),
    [
        (date(2027, 3, 2), date(2027, 3, 2), "2 mars 2027"),
        (date(2027, 3, 2), date(2027, 3, 4), "2 mars – 4 mars 2027"),
        (date(2026, 12, 30), date(2027, 1, 1), "30 december 2026 – 1 januari 2027"),
        (date(2027, 3, 2), None, "2 mars 2027"),
    ],
)
def test_date_range_writes_the_year_once_unless_the_days_differ_in_it(starts_on, ends_on, written):
    with translation.override("sv"):
        assert date_range(starts_on, ends_on) == written
