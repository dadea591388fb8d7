import logging

from django.core.management.base import BaseCommand

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
        "existing pages, images or accounts."
    )

    def handle(self, *args, **options):
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
