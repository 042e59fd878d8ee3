"""What every certificates service shares: the refusal, score bounds and stage windows."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Cycle, Stage


class Refused(Exception):
    """An action was refused. ``str(error)`` says why, in the user's language, and what to do;
    ``code`` names the kind of refusal ("permission", "state", "window", "rule",
    "input") for callers that sort refusals."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


def score_check(*, row, value) -> None:
    """Refuse a score outside 0 … the indicator's maximum (None means "not given")."""
    if value is not None and not 0 <= value <= row.indicator.max_points:
        raise Refused(
            _("Điểm chỉ số %(number)s phải từ 0 đến %(max)s.")
            % {"number": row.indicator.number, "max": row.indicator.max_points},
            code="input",
        )


def today(on: date | None = None) -> date:
    return on or timezone.localdate()


def window_refusal(*, cycle: Cycle, stage: str, on: date | None = None) -> str | None:
    """Why ``stage`` of ``cycle`` is closed on ``on`` (None when it is open)."""
    if cycle.is_open(stage, today(on)):
        return None
    start, end = cycle.window(stage)
    return _(
        "Đã ngoài thời gian “%(stage)s” của đợt đánh giá năm %(year)s (từ %(start)s đến "
        "%(end)s). Nếu cần làm thêm, hãy đề nghị quản trị hệ thống mở lại giai đoạn này."
    ) % {
        "stage": Stage(stage).label,
        "year": cycle.year,
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }


def window_require(*, cycle: Cycle, stage: str, on: date | None = None) -> None:
    """Raise Refused (code "window") unless ``stage`` of ``cycle`` is open on ``on``."""
    reason = window_refusal(cycle=cycle, stage=stage, on=on)
    if reason:
        raise Refused(reason, code="window")
