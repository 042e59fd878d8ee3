"""Load (idempotently) the demo: places, organisations, one user per role, and each app's demo
content. Apps contribute a ``demo.py`` module with ``demo_load(*, stdout)``; they run in the
order of INSTALLED_APPS. Passwords are random per machine, kept in ``var/demo-logins.txt``."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the demo data (development only) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("The demo loader runs only in development (DEBUG on).")
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            module.demo_load(stdout=self.stdout)
