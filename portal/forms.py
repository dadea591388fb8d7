"""How every form field of the site renders.

`{{ form.email.as_field_group }}` draws label, help text, errors and input
through one template, `components/field.html`, instead of an include per field.
The renderer reads templates through the TEMPLATES setting, so the project's
own `templates/` folder (and the apps' overrides) are found.
"""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    field_template_name = "components/field.html"
