"""Limits on what a visitor may make the portal do, counted in the shared cache (django-ratelimit).

The client is found the way allauth finds it for the sign-in limits, so one proxy setting
(`ALLAUTH_TRUSTED_PROXY_COUNT` or `ALLAUTH_TRUSTED_CLIENT_IP_HEADER`) serves both.
"""

from allauth.core.internal.httpkit import get_client_ip
from django_ratelimit.core import is_ratelimited


def client_address(request) -> str:
    """The visitor's address as allauth sees it behind the configured proxies."""
    return get_client_ip(request) or request.META.get("REMOTE_ADDR", "")


def counted_over(request, *, group: str, key: str, rate: str) -> bool:
    """Count one more use of `group` under `key`; True once more than `rate` (such as "5/h") were used."""
    return is_ratelimited(request, group=group, key=lambda _group, _request: key, rate=rate, increment=True)
