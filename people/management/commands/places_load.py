from django.core.management.base import BaseCommand

from people.places import places_load_seed


class Command(BaseCommand):
    help = "Load the administrative units of the former Củ Chi district and the 2025 communes."

    def handle(self, *args, **options):
        counts = places_load_seed()
        self.stdout.write(
            f"Places: {counts['units']} units down to commune level, "
            f"{counts['successions']} successions."
        )
