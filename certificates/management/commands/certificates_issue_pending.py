"""Issue every certificate still owed — after a worker stopped half-way through a decision, or
once the signing key is in place. Nothing is issued twice: run it as often as you like."""

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import SigningKeyError


class Command(BaseCommand):
    help = (
        "Issue the missing certificates (recognised applications, completed courses that award "
        "one) and finish those whose PDF was never made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--decision", type=int, help="Only this recognition decision (its id).")
        parser.add_argument(
            "--stale-seconds",
            type=float,
            default=0,
            help="Finish numbered certificates without a PDF only when older than this "
            "(default 0: all; use e.g. 300 while workers are still running).",
        )

    def handle(self, *args, **options):
        from certificates.issuing.bulk import decision_issue_pending, issue_pending

        try:
            if options["decision"]:
                stats = decision_issue_pending(
                    decision_id=options["decision"], stale_seconds=options["stale_seconds"]
                )
            else:
                stats = issue_pending(stale_seconds=options["stale_seconds"])
        except SigningKeyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{stats.issued} issued, {stats.finished} finished, {stats.already} already there."
        )
        for error in stats.errors:
            self.stderr.write(f"Not issued: {error}")
        if stats.errors:
            raise CommandError(f"{len(stats.errors)} certificates were not issued (see above).")
