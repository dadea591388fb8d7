"""The portal's own system checks."""

from collections import defaultdict

from django.core.checks import Tags, Warning, register
from django.template import engines
from django.template.backends.django import DjangoTemplates, get_template_tag_modules

# The one template library the portal gives a name Django already gives: its i18n, with a cheaper
# translate tag for fixed texts (portal/templatetags/translations.py).
OWN_I18N = ("i18n", frozenset({"django.templatetags.i18n", "portal.templatetags.translations"}))


@register(Tags.templates)
def template_libraries_named_once(app_configs, **kwargs) -> list[Warning]:
    """Django's templates.W003 (silenced in the settings, since it also reports the portal's own
    i18n): a library name that two modules answer to, apart from that one, is reported as
    portal.W001, so an app's library never silently hides another's."""
    warnings = []
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        libraries = defaultdict(set)
        for name, module in get_template_tag_modules():
            libraries[name].add(module)
        for name, module in engine.engine.libraries.items():
            libraries[name].add(module)
        for name, modules in sorted(libraries.items()):
            if len(modules) > 1 and (name, frozenset(modules)) != OWN_I18N:
                warnings.append(
                    Warning(
                        f"{name!r} is used for multiple template tag modules: "
                        + ", ".join(repr(module) for module in sorted(modules)),
                        obj=engine,
                        id="portal.W001",
                    )
                )
    return warnings
