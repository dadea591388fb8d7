import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.utils import translation

from portal.forms import INCLUDED, PortalBoundField, PortalFormRenderer


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
    assert isinstance(Sample()["email"], PortalBoundField)


class Kinds(forms.Form):
    """A field of each of field.html's kinds: a group, a checkbox, and the rest."""

    size = forms.ChoiceField(
        label="Size",
        choices=[("s", "Small"), ("l", "Large")],
        widget=forms.RadioSelect,
        help_text="Pick <em>one</em>.",
    )
    extras = forms.MultipleChoiceField(
        label="Extras", choices=[("x", "X")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agree = forms.BooleanField(label="I agree", help_text="Read the terms.")
    place = forms.CharField(label="Place", required=False)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea, help_text="Anything & all.")
    name = forms.CharField(label="Name <full>", max_length=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].required_when = "when you meet in person"


# Each as components/field.html wrote it when it asked the bound field for every part itself.
FIELD_GROUPS = {
    "size": (
        '<fieldset class="field field--group field--invalid" '
        'aria-describedby="id_size_helptext id_size_error">\n'
        '    <legend class="field__label">Size</legend>\n'
        '    <div class="field__help" id="id_size_helptext">Pick <em>one</em>.</div>\n'
        '    <div class="field__error" id="id_size_error"><span class="visually-hidden">Error: </span>'
        "Select a valid choice. m is not one of the available choices.</div>\n"
        '    <div id="id_size"><div>\n'
        '    <label for="id_size_0"><input type="radio" name="size" value="s" required aria-invalid="true" '
        'id="id_size_0">\n Small</label>\n\n</div><div>\n'
        '    <label for="id_size_1"><input type="radio" name="size" value="l" required aria-invalid="true" '
        'id="id_size_1">\n Large</label>\n\n</div>\n</div>\n'
        "</fieldset>"
    ),
    "extras": (
        '<fieldset class="field field--group">\n'
        '    <legend class="field__label">Extras <span class="field__optional">(optional)</span></legend>\n'
        "    \n    \n"
        '    <div id="id_extras"><div>\n'
        '    <label for="id_extras_0"><input type="checkbox" name="extras" value="x" id="id_extras_0">\n'
        " X</label>\n\n</div>\n</div>\n"
        "</fieldset>"
    ),
    "agree": (
        '<div class="field field--choice field--invalid">\n'
        '    <input type="checkbox" name="agree" required aria-invalid="true" '
        'aria-describedby="id_agree_helptext id_agree_error" id="id_agree">\n'
        '    <label class="field__label" for="id_agree">I agree</label>\n'
        '    <div class="field__help" id="id_agree_helptext">Read the terms.</div>\n'
        '    <div class="field__error" id="id_agree_error"><span class="visually-hidden">Error: </span>'
        "This field is required.</div>\n"
        "</div>"
    ),
    "place": (
        '<div class="field">\n'
        '    <label class="field__label" for="id_place">Place '
        '<span class="field__optional">(when you meet in person)</span></label>\n'
        "    \n    \n"
        '    <input type="text" name="place" id="id_place">\n'
        "</div>"
    ),
    "note": (
        '<div class="field">\n'
        '    <label class="field__label" for="id_note">Note '
        '<span class="field__optional">(optional)</span></label>\n'
        '    <div class="field__help" id="id_note_helptext">Anything & all.</div>\n'
        "    \n"
        '    <textarea name="note" cols="40" rows="10" aria-describedby="id_note_helptext" id="id_note">\n'
        "a&lt;b</textarea>\n"
        "</div>"
    ),
    "name": (
        '<div class="field field--invalid">\n'
        '    <label class="field__label" for="id_name">Name &lt;full&gt;</label>\n'
        "    \n"
        '    <div class="field__error" id="id_name_error"><span class="visually-hidden">Error: </span>'
        "Ensure this value has at most 5 characters (it has 11).</div>\n"
        '    <input type="text" name="name" value="toolongname" maxlength="5" required aria-invalid="true" '
        'aria-describedby="id_name_error" id="id_name">\n'
        "</div>"
    ),
}


@pytest.mark.parametrize("name", FIELD_GROUPS)
def test_field_group_of_each_kind_renders_as_expected(name):
    form = Kinds(data={"size": "m", "name": "toolongname", "note": "a<b"})

    with translation.override("en"):
        assert str(form[name].as_field_group()) == FIELD_GROUPS[name]


# --- Inputs and text areas: the project's input.html and textarea.html write their attributes in place ---


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        (
            forms.TextInput(attrs={"id": "id_x", "required": True, "disabled": False, "data-x": "<&>"}),
            'a "b"',
        ),
        (forms.TextInput(), None),
        (forms.EmailInput(attrs={"aria-describedby": "id_x_helptext"}), "a@example.org"),
        (forms.NumberInput(attrs={"min": 0}), 0),
        (forms.PasswordInput(render_value=True), "secret"),
        (forms.HiddenInput(), 7),
        (forms.DateInput(format="%Y-%m-%d"), "2026-12-07"),
        (forms.CheckboxInput(attrs={"id": "id_x"}), True),
        (forms.CheckboxInput(), False),
        (forms.URLInput(), "https://example.org/?a=1&b=2"),
        (forms.FileInput(), None),
        (forms.Textarea(attrs={"rows": 3, "id": "id_x", "required": True}), "line <1>\nline 2"),
        (forms.Textarea(), ""),
    ],
    ids=[
        "text-with-attributes",
        "text-empty",
        "email",
        "number-zero",
        "password",
        "hidden",
        "date",
        "checkbox-checked",
        "checkbox-unchecked",
        "url",
        "file",
        "textarea",
        "textarea-empty",
    ],
)
def test_inputs_render_the_same_html_as_djangos_own_templates(widget, value):
    ours = widget.render("x", value, renderer=PortalFormRenderer())

    assert ours == widget.render("x", value, renderer=DjangoTemplates())


@pytest.mark.parametrize("name", INCLUDED)
def test_widget_templates_drawn_directly_only_include_the_one_drawn(name):
    # The renderer draws INCLUDED[name] in name's place: right only while name's template (Django's,
    # or one the project or an app puts before it) includes that one and nothing else.
    source = engines["django"].engine.get_template(name).source

    assert source.strip() == '{% include "' + INCLUDED[name] + '" %}'


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
