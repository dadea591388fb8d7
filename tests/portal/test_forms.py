import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from portal.forms import PortalFormRenderer


class Sample(forms.Form):
    email = forms.EmailField(label="E-mail", help_text="Where we write to you.")
    newsletter = forms.BooleanField(label="Send me news", required=False)


def test_field_group_renders_label_help_and_error_tied_to_the_input():
    form = Sample(data={"email": "not an address"}, renderer=PortalFormRenderer())

    html = str(form["email"].as_field_group())

    assert '<label class="field__label" for="id_email">E-mail</label>' in html
    assert '<div class="field__help" id="id_email_helptext">Where we write to you.</div>' in html
    assert 'id="id_email_error"' in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'aria-invalid="true"' in html


def test_field_group_puts_a_checkbox_before_its_label():
    form = Sample()

    checkbox = str(form["newsletter"].as_field_group())

    assert checkbox.index('type="checkbox"') < checkbox.index("<label")
    assert "field--choice" in checkbox


def test_site_forms_use_the_portal_renderer_by_default():
    assert isinstance(Sample().renderer, PortalFormRenderer)


# --- Select lists: the project's select.html writes options in place, with Django's HTML ------------


class TaggedSelect(forms.Select):
    """Options with attributes of their own, as a widget may give them."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update({"data-index": index, "disabled": value == 2, "hidden": False})
        return option


CHOICES = [
    ("", "Any <kind>"),
    ("Göteborg & around", [(1, "Ale"), (2, "Mölndal “centre”")]),
    (3, "Other"),
]
ATTRS = {
    "id": "id_place",
    "class": "wide",
    "aria-describedby": "id_place_helptext",
    "required": True,
    "autofocus": False,
}


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (forms.Select(choices=CHOICES, attrs=ATTRS), 2),
        (forms.Select(choices=CHOICES), None),
        (forms.SelectMultiple(choices=CHOICES, attrs=ATTRS), [1, 3]),
        (forms.NullBooleanSelect(), True),
        (TaggedSelect(choices=CHOICES), 3),
        (forms.Select(choices=[]), None),
    ],
    ids=[
        "selected-in-group",
        "nothing-selected",
        "multiple",
        "null-boolean",
        "option-attributes",
        "no-options",
    ],
)
def test_select_renders_the_same_html_as_djangos_own_templates(widget, value):
    ours = widget.render("place", value, renderer=PortalFormRenderer())

    assert ours == widget.render("place", value, renderer=DjangoTemplates())


def test_select_renders_options_groups_and_attributes_as_expected():
    html = forms.Select(choices=CHOICES, attrs=ATTRS).render("place", 2, renderer=PortalFormRenderer())

    assert html == (
        '<select name="place" id="id_place" class="wide" aria-describedby="id_place_helptext" required>\n'
        '  <option value="">Any &lt;kind&gt;</option>\n'
        "\n"
        '  <optgroup label="Göteborg &amp; around">\n'
        '  <option value="1">Ale</option>\n'
        "\n"
        '  <option value="2" selected>Mölndal “centre”</option>\n'
        "\n"
        "  </optgroup>\n"
        '  <option value="3">Other</option>\n'
        "\n"
        "</select>"
    )


def test_select_field_with_an_error_renders_as_with_djangos_templates():
    class Place(forms.Form):
        place = forms.ChoiceField(choices=CHOICES, help_text="Where you live.")

    ours = Place(data={"place": "9"}, renderer=PortalFormRenderer())["place"]
    django = Place(data={"place": "9"}, renderer=DjangoTemplates())["place"]

    assert 'aria-invalid="true"' in str(ours)
    assert str(ours) == str(django)


# --- Radio and checkbox lists: the project's multiple_input.html writes options in place too ------


class OwnOptionTemplate(forms.RadioSelect):
    """An option template of its own (as some of Wagtail's admin widgets have) is still used."""

    option_template_name = "django/forms/widgets/input.html"


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (
            forms.RadioSelect(
                choices=CHOICES, attrs={"id": "id_place", "class": "choices", "required": True}
            ),
            2,
        ),
        (forms.RadioSelect(choices=CHOICES), None),
        (forms.CheckboxSelectMultiple(choices=CHOICES, attrs={"id": "id_place"}), [1, 3]),
        (forms.CheckboxSelectMultiple(choices=[]), None),
        (OwnOptionTemplate(choices=CHOICES, attrs={"id": "id_place"}), 3),
    ],
    ids=["radio-checked-in-group", "radio-without-id", "checkboxes", "no-options", "own-option-template"],
)
def test_radio_and_checkbox_lists_render_the_same_html_as_djangos_own_templates(widget, value):
    ours = widget.render("place", value, renderer=PortalFormRenderer())

    assert ours == widget.render("place", value, renderer=DjangoTemplates())


def test_radio_list_renders_labels_around_inputs_as_expected():
    widget = forms.RadioSelect(
        choices=[(1, "One"), (2, "Two & more")], attrs={"id": "id_n", "required": True}
    )

    html = widget.render("n", 2, renderer=PortalFormRenderer())

    assert html == (
        '<div id="id_n"><div>\n'
        '    <label for="id_n_0"><input type="radio" name="n" value="1" id="id_n_0" required>\n'
        " One</label>\n"
        "\n"
        "</div><div>\n"
        '    <label for="id_n_1"><input type="radio" name="n" value="2" id="id_n_1" required checked>\n'
        " Two &amp; more</label>\n"
        "\n"
        "</div>\n"
        "</div>"
    )


def test_radio_field_with_an_error_renders_as_with_djangos_templates():
    class Score(forms.Form):
        score = forms.TypedChoiceField(choices=[(1, "1"), (2, "2")], coerce=int, widget=forms.RadioSelect)

    ours = Score(data={"score": "9"}, renderer=PortalFormRenderer())["score"]
    django = Score(data={"score": "9"}, renderer=DjangoTemplates())["score"]

    assert ours.errors
    assert str(ours) == str(django)
