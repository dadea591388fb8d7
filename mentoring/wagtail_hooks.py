"""mentoring's parts in Wagtail: its admin viewsets, and the parts of content's pages it supplies."""

from django.utils import timezone
from wagtail import hooks

from content.extensions import OCCASION_PLACES, OPEN_INTAKES, PROGRAMME_INTAKE
from mentoring.applications import selectors as application_selectors
from mentoring.applications.viewsets import intake_viewset
from mentoring.figures.viewsets import programme_targets_viewset
from mentoring.training import selectors as training_selectors


@hooks.register("register_admin_viewset")
def register_intake_viewset():
    return intake_viewset


@hooks.register("register_admin_viewset")
def register_programme_targets_viewset():
    return programme_targets_viewset


@hooks.register(PROGRAMME_INTAKE)
def programme_intake(programme):
    """The programme page's Apply box: computed per request, so it follows the intake's dates."""
    return application_selectors.intake_state(programme, now=timezone.now())


@hooks.register(OPEN_INTAKES)
def open_intakes(home):
    """The home page's call to apply: the intakes open at this request, none when all are closed."""
    return application_selectors.intakes_open(now=timezone.now())


@hooks.register(OCCASION_PLACES)
def occasion_places(occasion):
    return training_selectors.occasion_places(occasion, today=timezone.localdate())
