from wagtail import hooks

from content.page_cache import page_mark_storable

hooks.register("before_serve_page", page_mark_storable)
