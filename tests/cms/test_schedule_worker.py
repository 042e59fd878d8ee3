"""Scheduled publishing and expiry happen by themselves: the schedule worker's rounds."""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import ArticlePage

pytestmark = pytest.mark.django_db


def _schedule(page: ArticlePage, title: str):
    page.title = title
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: not live yet
    past = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_one_round_publishes_what_is_due_and_expires_what_is_over(client, cms_demo):
    due = ArticlePage.objects.get(slug="xa-cu-chi-tap-huan-bo-tieu-chi")
    _schedule(due, "Tin hẹn giờ: lịch tập huấn tháng 12")
    over = ArticlePage.objects.get(slug="cong-dan-hoc-tap-la-gi")
    ArticlePage.objects.filter(pk=over.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert client.get(over.url).status_code == 200

    call_command("schedule_worker", once=True, stdout=io.StringIO())

    due.refresh_from_db()
    assert due.live and due.title == "Tin hẹn giờ: lịch tập huấn tháng 12"
    over.refresh_from_db()
    assert not over.live and over.expired
    assert client.get(over.url).status_code == 404


def test_a_failing_round_is_logged_and_does_not_stop_the_worker(monkeypatch, caplog, cms_demo):
    from cms.management.commands import schedule_worker

    calls = []

    def failing_then_real(name, **kwargs):
        calls.append(name)
        if len(calls) == 1:
            raise ConnectionError("database restarting")
        return call_command(name, **kwargs)

    monkeypatch.setattr(schedule_worker, "call_command", failing_then_real)
    command = schedule_worker.Command(stdout=io.StringIO())
    with caplog.at_level(logging.ERROR, logger=schedule_worker.__name__):
        command.round()
        command.round()
    assert calls == ["publish_scheduled", "publish_scheduled"]
    assert "trying again next round" in caplog.text
