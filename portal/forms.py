"""How every form field of the site renders.

`{{ form.email.as_field_group }}` draws label, help text, errors and input
through one template, `components/field.html`, instead of an include per field.
The renderer reads templates through the TEMPLATES setting, so the project's
own `templates/` folder (and the apps' overrides) are found.

A field is drawn on most pages of the site, so its drawing is kept lean: the bound field
works out once what the template shows (`PortalBoundField.get_context`) instead of the
template asking the field for it piece by piece, and the renderer keeps the templates it
has found (outside DEBUG, where they may change while the process runs).
"""

from django.conf import settings
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting

WIDGETS = "django/forms/widgets/"
# Django's templates for these widgets only include another one (tests/portal/test_forms.py
# checks that they still do): the renderer draws that one directly.
INCLUDED = {
    **{
        f"{WIDGETS}{name}.html": f"{WIDGETS}input.html"
        for name in (
            "checkbox",
            "color",
            "date",
            "datetime",
            "email",
            "file",
            "hidden",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        )
    },
    f"{WIDGETS}radio.html": f"{WIDGETS}multiple_input.html",
    f"{WIDGETS}checkbox_select.html": f"{WIDGETS}multiple_input.html",
}


class PortalBoundField(BoundField):
    def get_context(self):
        """The field as `components/field.html` shows it: the field itself (`{{ field }}` draws its
        input) and what the template would otherwise ask it for one lookup at a time."""
        field = self.field
        if field.widget.use_fieldset:
            kind = "group"
        elif self.widget_type == "checkbox":
            kind = "checkbox"
        else:
            kind = ""
        return {
            "field": self,
            "kind": kind,
            "label": self.label,
            "required": field.required,
            # A field needed only with another answer says when instead of "optional".
            "required_when": getattr(field, "required_when", None),
            "help_text": self.help_text,
            "errors": self.errors,
            "auto_id": self.auto_id,
            "id_for_label": self.id_for_label if kind != "group" else "",
            "aria_describedby": self.aria_describedby if kind == "group" else "",
        }


class PortalFormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
    bound_field_class = PortalBoundField

    def __init__(self):
        self._templates = {}

    def get_template(self, template_name):
        template_name = INCLUDED.get(template_name, template_name)
        if settings.DEBUG:
            return super().get_template(template_name)
        template = self._templates.get(template_name)
        if template is None:
            template = self._templates[template_name] = super().get_template(template_name)
        return template
