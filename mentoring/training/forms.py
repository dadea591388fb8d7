"""The attendance form of a course day: one hours field per person with a place.

A field starts with the hours already saved for that day, else empty: only what the
course leader writes (or asks for with "everyone left empty was present") is saved, so
hours nobody entered never reach the funder's figures. It validates and says how to fix
what is wrong, beside the field it is about; the view hands the hours to
`mentoring.training.services.attendance_mark`.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mentoring.core.display import person_name
from mentoring.models.training import ATTENDANCE_HOURS_MAX
from mentoring.training.selectors import HOURS_STEP, AttendanceRow, hours_field_name, hours_valid

HOURS_ERROR = _("Write the hours as a number from 0 to 10, in half hours (for example 6 or 6.5).")
HOURS_SAVED_REQUIRED = _(
    "Hours are already saved for this person on this day. Write 0 if they were absent, "
    "or the hours they attended."
)


# Every way a number can be wrong gets the same message: it says what is right.
_ERROR_KEYS = (
    "required",
    "invalid",
    "min_value",
    "max_value",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
)


class AttendanceForm(forms.Form):
    """`rows` are the enrolled people's rows of the occasion's AttendanceGrid."""

    def __init__(self, data=None, *, rows: list[AttendanceRow], day):
        super().__init__(data)
        self.rows = rows
        for row in rows:
            saved = row.hours_by_day.get(day)
            # Saved hours can be changed, not wiped: an emptied field would silently keep them.
            error_messages = dict.fromkeys(_ERROR_KEYS, HOURS_ERROR) | {"required": HOURS_SAVED_REQUIRED}
            self.fields[hours_field_name(row.enrolment.pk)] = forms.DecimalField(
                label=gettext("Hours for %(name)s") % {"name": person_name(row.enrolment.person)},
                required=saved is not None,
                min_value=0,
                max_value=ATTENDANCE_HOURS_MAX,
                decimal_places=1,
                max_digits=3,
                # No step_size: Django's step check turns a huge number ("1e400") into a float and fails
                # with a server error (found by a random run); `clean` checks the half hours instead.
                initial=saved,
                widget=forms.NumberInput(attrs={"step": str(HOURS_STEP), "inputmode": "decimal"}),
                error_messages=error_messages,
            )

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):  # add_error takes the field out of cleaned_data
            if value is not None and not hours_valid(value):
                self.add_error(name, HOURS_ERROR)
        return data

    def entries(self):
        """(row, bound field) for each person, in the order of the rows."""
        return [(row, self[hours_field_name(row.enrolment.pk)]) for row in self.rows]

    def hours_by_enrolment(self, *, empty_as: Decimal | None = None) -> dict[int, Decimal]:
        """The hours written for each person; a field left empty is left out, or counts as
        `empty_as` when the course leader asked for that."""
        hours = {}
        for row in self.rows:
            value = self.cleaned_data[hours_field_name(row.enrolment.pk)]
            if value is None:
                value = empty_as
            if value is not None:
                hours[row.enrolment.pk] = value
        return hours
