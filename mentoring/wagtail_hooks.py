from wagtail import hooks

from mentoring.viewsets import intake_viewset


@hooks.register("register_admin_viewset")
def register_intake_viewset():
    return intake_viewset
