import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.seed import demo_seed
from portal.demo.texts import DEMO_PASSWORD, USERS

# Publishing a page logs a line per page, search-index update and reference-index
# update; at the default verbosity the summary is what the operator wants to read.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


class Command(BaseCommand):
    help = (
        "Load the demo site: Swedish and English pages (programmes, news, about, contact, "
        "accessibility, privacy), generated images, and one verified account per role "
        f"({', '.join(email for _role, email, *_rest in USERS)}), all with the password "
        f"{DEMO_PASSWORD!r}. Safe to run again: it only adds what is missing and never changes "
        "existing pages, images or accounts. Runs only with DEBUG on, or with "
        "--allow-demo-accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-accounts",
            action="store_true",
            help="Seed even with DEBUG off (e.g. a throwaway demo server). The accounts, an "
            "administrator among them, share a password published in the README.",
        )

    def handle(self, *args, **options):
        # The demo accounts include a superuser whose password is public: on a real
        # site that is an open door, so only a developer's machine seeds without asking.
        if not (settings.DEBUG or options["allow_demo_accounts"]):
            raise CommandError(
                "seed_demo creates accounts (an administrator among them) with the published "
                f"password {DEMO_PASSWORD!r}, and DEBUG is off, so this looks like a real site. "
                "Refusing. On a throwaway demo server, run it with --allow-demo-accounts."
            )
        quieted = []
        if options["verbosity"] < 2:
            for name in CHATTY_LOGGERS:
                logger = logging.getLogger(name)
                quieted.append((logger, logger.level))
                logger.setLevel(logging.WARNING)
        try:
            demo_seed(stdout=self.stdout)
        finally:
            for logger, level in quieted:
                logger.setLevel(level)
