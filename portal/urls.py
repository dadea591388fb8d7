from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from content.sitemaps import AllLanguagesSitemap
from mentoring.calendars.views import calendar_feed
from mentoring.people import views as people_views
from portal import views
from portal.health import health

urlpatterns = [
    path("django-admin/login/", views.django_admin_login),
    path("django-admin/", admin.site.urls),
    path("cms/login/", views.wagtail_admin_login),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz/", health, name="health"),
    path("favicon.ico", views.favicon),
    # Outside the language prefixes: one address per feed, written in the language it was made with.
    path("calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/profile/", people_views.account_home, name="account_home"),
    path("search/", content_views.search, name="search"),
    path("", include("mentoring.urls")),
    # Before Wagtail's: its sign-in form for private pages is replaced by allauth's.
    path("_util/login/", views.wagtail_page_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler403 = "content.views.permission_denied"
handler404 = "content.views.page_not_found"
handler500 = "content.views.server_error"
