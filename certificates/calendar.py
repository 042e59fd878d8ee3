"""The registration window people are told about: which cycle, which dates, open or not.

The home page and the citizen's pages say when to register from the cycles officers keep, never
from fixed months: a commune with its own cycle shows its own dates, everyone else the city's, and
an extension of the registration stage (a stage opened again) counts as part of the window.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from certificates.models import Cycle, Stage
from certificates.selectors import cycle_for
from people.models import AdministrativeUnit, UnitLevel

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


@dataclass(frozen=True)
class RegistrationWindow:
    cycle: Cycle
    start: date
    end: date  # the last day registration is open, extensions included
    status: str  # OPEN, UPCOMING or CLOSED on the day asked about
    communes_with_own_dates: int  # for a city-wide window: communes whose cycle differs

    @property
    def year(self) -> int:
        return self.cycle.year


def _bounds(cycle: Cycle, on: date) -> tuple[date, date]:
    """The registration dates to show: the planned window, or the extension that holds ``on``."""
    start, end = cycle.window(Stage.REGISTRATION)
    for extension in cycle.extensions.all():
        if extension.stage != Stage.REGISTRATION:
            continue
        if extension.opens_on <= on <= extension.until or (
            on < extension.opens_on and end < on
        ):  # an extension running now, or announced after the planned window closed
            return min(start, extension.opens_on), max(end, extension.until)
    return start, end


def _status(start: date, end: date, cycle: Cycle, on: date) -> str:
    if cycle.is_open(Stage.REGISTRATION, on):
        return OPEN
    return UPCOMING if on < start else CLOSED


def _cycle_of_year(*, commune: AdministrativeUnit | None, year: int) -> Cycle | None:
    if commune is not None:
        return cycle_for(commune=commune, year=year)
    return (
        Cycle.objects.filter(year=year, unit__level=UnitLevel.CITY).order_by("unit__code").first()
    )


def _cycle_to_show(*, commune: AdministrativeUnit | None, on: date) -> Cycle | None:
    """This year's cycle until its registration is over, then next year's once it is set up."""
    current = _cycle_of_year(commune=commune, year=on.year)
    if current is not None and _bounds(current, on)[1] >= on:
        return current
    return _cycle_of_year(commune=commune, year=on.year + 1) or current


def registration_window(
    *, commune: AdministrativeUnit | None = None, on: date | None = None
) -> RegistrationWindow | None:
    """The registration window to announce for ``commune`` (None: the city-wide one) on ``on``.

    Returns None when no cycle of this year or the next has been set up. A closed window is
    returned (status CLOSED) until next year's cycle exists, so the page can say it is over.
    """
    on = on or timezone.localdate()
    cycle = _cycle_to_show(commune=commune, on=on)
    if cycle is None:
        return None
    start, end = _bounds(cycle, on)
    own = 0
    if commune is None:
        own = (
            Cycle.objects.filter(year=cycle.year, unit__level=UnitLevel.COMMUNE)
            .exclude(
                registration_start=cycle.registration_start,
                registration_end=cycle.registration_end,
            )
            .count()
        )
    return RegistrationWindow(
        cycle=cycle,
        start=start,
        end=end,
        status=_status(start, end, cycle, on),
        communes_with_own_dates=own,
    )
