"""Publish and expire scheduled pages and snippets by themselves.

Runs Wagtail's ``publish_scheduled`` once a minute (``--interval``): revisions whose "go live"
time has come are published, pages and snippets whose "expiry" time has passed are unpublished,
and the anonymous page cache follows (cms.receivers). ``make run`` starts it beside the web
server; in production run exactly one (a systemd unit or a container of its own, see README).
``--once`` does one round and exits (cron, tests).

A failing round (the database restarting, say) is logged and the next round runs as usual.
SIGTERM and SIGINT stop it between rounds.
"""

import io
import logging
import signal
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Xuất bản và hết hạn các trang, nội dung đã hẹn giờ, mỗi phút một lần."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="giây giữa hai lượt")
        parser.add_argument("--once", action="store_true", help="chạy một lượt rồi dừng")

    def handle(self, *args, interval: float, once: bool, **options):
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
            self.stdout.write(f"schedule_worker: publish_scheduled every {interval:g} s")
        while True:
            if not once:
                close_old_connections()  # a connection the database dropped is not reused
            self.round()
            if once or stop.wait(interval):
                return

    def round(self) -> None:
        output = io.StringIO()
        try:
            call_command("publish_scheduled", stdout=output)
        except Exception:
            logger.exception("Scheduled publishing failed; trying again next round")
        else:
            done = output.getvalue().strip()
            if done and "No objects" not in done:
                logger.info("Scheduled publishing: %s", done)
