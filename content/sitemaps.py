from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap covers only the site's root page; ours covers every language's tree."""

    def items(self):
        root = self.get_wagtail_site().root_page
        trees = Page.objects.filter(translation_key=root.translation_key).values_list("path", flat=True)
        return (
            Page.objects.filter(reduce(or_, (Q(path__startswith=path) for path in trees)))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
