"""Reads for privacy pages: the privacy notice in the reader's language."""

from content.models import StandardPage

PRIVACY_NOTICE_SLUGS = ("integritetspolicy", "privacy-policy")


def privacy_notice_page(*, language: str) -> StandardPage | None:
    """The live privacy notice in `language` (found by its slug), if the site has one."""
    return (
        StandardPage.objects.live()
        .filter(slug__in=PRIVACY_NOTICE_SLUGS, locale__language_code=language)
        .order_by("path")
        .first()
    )
