"""Recompute every programme figure from raw records and print the differences (0 expected)."""

from django.core.management.base import BaseCommand

from programme.recompute import counters_recompute


class Command(BaseCommand):
    help = "Recompute the programme's facts and counters from raw records; print differences."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Write the recomputed values.")
        parser.add_argument("--show", type=int, default=20, help="How many differences to list.")

    def handle(self, *args, **options):
        differences = counters_recompute(fix=options["fix"])
        for diff in differences[: options["show"]]:
            self.stdout.write(
                f"{diff.kind} {diff.key}: stored={diff.stored} expected={diff.expected}"
            )
        facts, counters = differences.facts_total, differences.counters_total
        self.stdout.write(f"differences: {facts + counters} (facts {facts}, counters {counters})")
        if options["fix"] and differences:
            self.stdout.write("fixed: the recomputed values were written")
