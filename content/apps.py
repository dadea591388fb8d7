from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from content.page_cache import page_cache_bump, page_cache_bump_on_delete

        # Whatever changes what a public page shows, or who may see it, makes the page cache and
        # the site's frame (content/site_frame.py) stale.
        page_published.connect(page_cache_bump, dispatch_uid="page_cache_published")
        page_unpublished.connect(page_cache_bump, dispatch_uid="page_cache_unpublished")
        post_page_move.connect(page_cache_bump, dispatch_uid="page_cache_moved")
        post_delete.connect(page_cache_bump_on_delete, dispatch_uid="page_cache_deleted")
        post_save.connect(page_cache_bump, sender=PageViewRestriction, dispatch_uid="page_cache_restricted")
        post_delete.connect(
            page_cache_bump, sender=PageViewRestriction, dispatch_uid="page_cache_unrestricted"
        )
        # A site's root page or address decides its home page, menu and every link in the frame.
        post_save.connect(page_cache_bump, sender=Site, dispatch_uid="page_cache_site_saved")
        post_delete.connect(page_cache_bump, sender=Site, dispatch_uid="page_cache_site_deleted")
