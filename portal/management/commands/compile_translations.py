from django.conf import settings
from django.core.management.base import BaseCommand

from portal.translations import catalogues_compile


class Command(BaseCommand):
    help = "Compile the project's .po translation catalogues to .mo (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile even if up to date.")

    def handle(self, *args, force: bool, **options):
        written = []
        for root in settings.LOCALE_PATHS:
            written += catalogues_compile(root=root, force=force)
        self.stdout.write(f"Translations: {len(written)} catalogue(s) compiled.")
