from wagtail import hooks

from mentoring.applications.viewsets import intake_viewset
from mentoring.figures.viewsets import programme_targets_viewset


@hooks.register("register_admin_viewset")
def register_intake_viewset():
    return intake_viewset


@hooks.register("register_admin_viewset")
def register_programme_targets_viewset():
    return programme_targets_viewset
