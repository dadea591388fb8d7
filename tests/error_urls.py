"""The portal's URLs plus a view that fails, to see an unexpected error reach the 500 handler."""

from django.urls import path

from portal import urls as portal_urls


def broken(request):
    raise RuntimeError("A bug in a view")


urlpatterns = [path("broken/", broken), *portal_urls.urlpatterns]

handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500
