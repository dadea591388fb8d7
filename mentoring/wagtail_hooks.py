from wagtail import hooks

from mentoring.viewsets import intake_viewset, programme_targets_viewset


@hooks.register("register_admin_viewset")
def register_intake_viewset():
    return intake_viewset


@hooks.register("register_admin_viewset")
def register_programme_targets_viewset():
    return programme_targets_viewset
