"""Public pages: time per request and queries, against a bare view in the same process.

Builds a throwaway SQLite database with the demo content (and 300 extra news
items, so listing costs show), then serves each page through Django's full
middleware stack with the test client. Prints figures; asserts nothing.

    make bench
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="vastkraft-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.common import measure  # noqa: E402

ROUNDS = 200
EXTRA_NEWS = 300


def add_news(count: int) -> None:
    from content.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.filter(locale__language_code="sv").first()
    for n in range(count):
        index.add_child(instance=NewsPage(title=f"Nyhet {n}", slug=f"bench-{n}", intro="Text.", live=True))


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, allow_demo_accounts=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    add_news(EXTRA_NEWS)
    from content.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.filter(locale__language_code="sv").first()
    item = NewsPage.objects.live().filter(locale__language_code="sv").order_by("-date").first()
    client = Client()
    baseline_ms, _, _ = measure(lambda: client.get("/bench-baseline/"), rounds=ROUNDS)
    print(f"{'page':<28}{'status':>7}{'ms (median)':>13}{'queries':>9}{'× baseline':>12}")
    print(f"{'bare view (baseline)':<28}{200:>7}{baseline_ms:>13.2f}{0:>9}{1:>12.1f}")
    for name, url in [
        ("home", "/"),
        ("news list", index.url),
        ("news list, page 2", f"{index.url}?page=2"),
        ("news item", item.url),
        ("programme index", "/program/"),
        ("search", "/search/?q=mentor"),
        ("RSS feed", f"{index.url}rss/"),
        ("sign-in page", "/accounts/login/"),
    ]:
        ms, queries, response = measure(lambda url=url: client.get(url), rounds=ROUNDS)
        status = response.status_code
        print(f"{name:<28}{status:>7}{ms:>13.2f}{queries:>9}{ms / baseline_ms:>12.1f}")
    print(f"({ROUNDS} requests each, {NewsPage.objects.count()} news items, database in {WORKDIR})")


if __name__ == "__main__":
    main()
