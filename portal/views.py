from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe


def _admin_login(request, *, has_access: bool, index_url: str):
    """Send an admin's sign-in to allauth's, which is rate-limited and asks for the second factor.

    Someone already signed in with access to this admin goes on to `next` (when it is an
    address on this site) or to the admin's start page; someone signed in without access
    gets 403, since allauth's login would only send them back here.
    """
    next_url = request.GET.get("next", "")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url or index_url, login_url="account_login")
    if not has_access:
        raise PermissionDenied
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = index_url
    return HttpResponseRedirect(next_url)


@require_safe
def django_admin_login(request):
    return _admin_login(
        request, has_access=admin.site.has_permission(request), index_url=reverse("admin:index")
    )


@require_safe
def wagtail_admin_login(request):
    return _admin_login(
        request,
        has_access=request.user.has_perm("wagtailadmin.access_admin"),
        index_url=reverse("wagtailadmin_home"),
    )


@require_safe
def wagtail_page_login(request):
    """Wagtail's own sign-in form for private pages, replaced by allauth's.

    Wagtail's form would sign people in past allauth's rate limits, e-mail
    verification and second factor; this sends them to allauth's with `next` kept.
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    return redirect_to_login(next_url or "/", login_url="account_login")


@require_safe
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever a page names: send them to the file."""
    return HttpResponsePermanentRedirect(static("favicon.ico"))
