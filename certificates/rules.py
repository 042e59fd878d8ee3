"""The pass rule of a criteria set, and which places count as remote.

Pure reads: the same function answers the citizen's form (self scores), the officers' lists
(final scores) and the state machine (may the commune say "đạt"?).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from people.models import AdministrativeUnit
from people.selectors import unit_commune_on


@dataclass(frozen=True)
class RuleCheck:
    total: int
    max_total: int
    threshold: int
    min_per_indicator: int
    remote: bool
    missing: tuple[int, ...] = field(default_factory=tuple)  # indicator numbers without a score
    below_min: tuple[int, ...] = field(default_factory=tuple)  # numbers under the minimum

    @property
    def passes(self) -> bool:
        return not self.missing and not self.below_min and self.total >= self.threshold

    @property
    def gap(self) -> int:
        return max(0, self.threshold - self.total)

    def unmet(self) -> list[str]:
        """What is not met yet, one plain sentence each (empty when the rule passes)."""
        reasons = []
        if self.missing:
            reasons.append(
                _("Còn %(count)s chỉ số chưa chấm điểm: %(numbers)s.")
                % {"count": len(self.missing), "numbers": _numbers(self.missing)}
            )
        if self.below_min:
            reasons.append(
                _("Chỉ số %(numbers)s dưới %(min)s điểm: mỗi chỉ số cần ít nhất %(min)s điểm.")
                % {"numbers": _numbers(self.below_min), "min": self.min_per_indicator}
            )
        if self.total < self.threshold:
            reasons.append(
                _("Tổng điểm %(total)s/%(max)s, cần ít nhất %(threshold)s (còn thiếu %(gap)s).")
                % {
                    "total": self.total,
                    "max": self.max_total,
                    "threshold": self.threshold,
                    "gap": self.gap,
                }
            )
        return reasons

    def summary(self) -> str:
        if self.passes:
            return _(
                "Đạt yêu cầu: tổng %(total)s/%(max)s điểm (cần %(threshold)s), không chỉ số nào "
                "dưới %(min)s điểm."
            ) % {
                "total": self.total,
                "max": self.max_total,
                "threshold": self.threshold,
                "min": self.min_per_indicator,
            }
        return " ".join(self.unmet())


def _numbers(numbers) -> str:
    return ", ".join(str(n) for n in numbers)


def rule_check(
    *, criteria_set, indicators, scores: Mapping[int, int | None], remote: bool
) -> RuleCheck:
    """Check ``scores`` (indicator number → points or None) against ``criteria_set``'s rule.

    ``indicators`` are the set's indicators (passed in so callers control the queries). The
    threshold is the set's remote threshold when ``remote`` is true.
    """
    total = 0
    missing, below = [], []
    for indicator in indicators:
        value = scores.get(indicator.number)
        if value is None:
            missing.append(indicator.number)
            continue
        total += value
        if value < criteria_set.pass_min_indicator:
            below.append(indicator.number)
    return RuleCheck(
        total=total,
        max_total=sum(indicator.max_points for indicator in indicators),
        threshold=criteria_set.remote_pass_total if remote else criteria_set.pass_total,
        min_per_indicator=criteria_set.pass_min_indicator,
        remote=remote,
        missing=tuple(missing),
        below_min=tuple(below),
    )


def unit_is_remote(*, unit: AdministrativeUnit | None) -> bool:
    """Remote / ethnic-minority area: the unit, one of its ancestors, or the commune it belongs
    to today (or one of that commune's ancestors) carries the flag."""
    if unit is None:
        return False
    ids = set(unit.ancestor_ids) | {unit.pk}
    commune = unit_commune_on(unit=unit)
    if commune is not None:
        ids |= set(commune.ancestor_ids) | {commune.pk}
    return AdministrativeUnit.objects.filter(pk__in=ids, is_remote=True).exists()
