"""How allauth speaks for the portal."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings


@dataclass(frozen=True)
class PortalSite:
    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Without django.contrib.sites allauth greets with the bare host name ("Hello from
        # 127.0.0.1:8000!"); the programme's name reads better in people's inboxes.
        request = allauth_context.request
        site = PortalSite(name=settings.WAGTAIL_SITE_NAME, domain=request.get_host() if request else "")
        super().send_mail(template_prefix, email, {"current_site": site, **context})
