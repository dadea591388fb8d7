"""Fields drawn once for an empty form, every time for a form with what the person typed."""

from django import forms
from django.utils import translation

from mentoring.core.forms import field_groups
from mentoring.mentorships.forms import DeclineForm, GoalForm


def drawn(form: forms.Form) -> list[str]:
    return [form[name].as_field_group() for name in form.fields]


def test_field_groups_of_an_empty_form_are_drawn_as_the_form_draws_them():
    with translation.override("sv"):
        assert field_groups(GoalForm()) == drawn(GoalForm())
        assert field_groups(DeclineForm(prefix="decline-7")) == drawn(DeclineForm(prefix="decline-7"))


def test_field_groups_of_an_empty_form_are_kept_per_language_and_prefix():
    with translation.override("sv"):
        swedish = field_groups(DeclineForm(prefix="decline-7"))
    with translation.override("en"):
        english = field_groups(DeclineForm(prefix="decline-7"))
        other = field_groups(DeclineForm(prefix="decline-8"))

    assert swedish != english and "Varför tackar du nej?" in swedish[0]
    assert "Why do you decline?" in english[0] and 'name="decline-7-reason"' in english[0]
    assert 'name="decline-8-reason"' in other[0]


def test_field_groups_of_a_bound_form_show_what_was_typed_and_the_errors():
    form = GoalForm({"title": "", "target_date": "tomorrow"})

    with translation.override("en"):
        fields = field_groups(form)
        assert fields == drawn(form)

    assert "Write the goal." in fields[0] and 'value="tomorrow"' in fields[1]


def test_field_groups_are_drawn_every_time_with_debug_on(settings):
    """The development server (DEBUG on) shows a changed template or label at once."""
    title = GoalForm.base_fields["title"]
    label = title.label
    settings.DEBUG = True
    with translation.override("en"):
        field_groups(GoalForm())
        try:
            title.label = "Changed"
            assert "Changed" in field_groups(GoalForm())[0]
        finally:
            title.label = label
