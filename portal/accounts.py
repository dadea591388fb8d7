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

    def get_reauthentication_methods(self, user) -> list[dict]:
        """Where she has a second factor, proving it is her again takes that factor.

        allauth would offer her password first and the authenticator app as an
        alternative; but a password may be reused elsewhere or seen over a shoulder, which
        is what her second factor guards against, so it is the only way offered to her.
        Everyone else confirms with the password (or a code by e-mail, allauth's fallback).
        """
        methods = super().get_reauthentication_methods(user)
        second_factor = [method for method in methods if method["id"].startswith("mfa_reauthenticate")]
        return second_factor or methods
