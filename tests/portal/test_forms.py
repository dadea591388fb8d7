from django import forms

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
