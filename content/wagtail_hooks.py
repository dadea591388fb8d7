from wagtail import hooks

from content import models
from content.moderation import page_viewsets, submit_label_in_editors_language
from content.page_cache import page_mark_storable

hooks.register("before_serve_page", page_mark_storable)
hooks.register("construct_page_action_menu", submit_label_in_editors_language)


@hooks.register("register_admin_viewset")
def register_moderated_page_viewsets():
    return page_viewsets(
        [
            models.HomePage,
            models.NewsIndexPage,
            models.NewsPage,
            models.ProgrammeIndexPage,
            models.ProgrammePage,
            models.StandardPage,
            models.TrainingIndexPage,
            models.TrainingOfferPage,
        ]
    )
