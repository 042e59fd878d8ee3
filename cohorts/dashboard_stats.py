"""Per activity, over a class: how many tried it and passed, the first-try pass rate, and the
most common wrong answers (from ``result.response`` of failed statements), made readable with
the activity's own choices where we know them (CMS quizzes; H5P Multiple Choice, True/False,
Single Choice Set). Two queries whatever the class's size, each aggregated in the database.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from html import unescape

from django.db.models import Count, Q
from django.db.models.fields.json import KT
from django.utils.translation import gettext as _

from cohorts.dashboard import Column
from progress.models import ActivityResult, Statement

TOP_ANSWERS = 3
MAX_RESPONSE_GROUPS = 5000  # distinct (activity, response) pairs read at most
SEPARATOR = "[,]"


@dataclass
class ActivityStats:
    column: Column
    tried: int = 0
    passed: int = 0
    first_tries: int = 0
    first_passed: int = 0
    wrong: list = field(default_factory=list)  # [(readable answer, times)]

    @property
    def first_try_rate(self) -> int | None:
        return round(100 * self.first_passed / self.first_tries) if self.first_tries else None

    @property
    def pass_rate(self) -> int | None:
        return round(100 * self.passed / self.tried) if self.tried else None


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", str(html or ""))).split())


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quiz_wrong(quiz: dict, response: str) -> list[str]:
    """One readable line per wrongly answered question of a CMS quiz response."""
    try:
        answers = json.loads(response)
    except (TypeError, ValueError):
        return []
    if not isinstance(answers, dict):
        return []
    lines = []
    for index, question in enumerate(quiz.get("questions") or []):
        given = answers.get(str(index))
        if not isinstance(given, list):
            continue
        options = question.get("options") or []
        if question.get("kind") == "true_false":
            if given == [question.get("true_false_answer")]:
                continue
            chosen = [
                _("Đúng") if v == "true" else _("Sai") for v in given if v in ("true", "false")
            ]
        else:
            right = {str(i) for i, o in enumerate(options) if o.get("is_correct")}
            if set(given) == right:
                continue
            chosen = [
                _plain(options[int(v)].get("text", ""))
                for v in given
                if str(v).isdigit() and int(v) < len(options)
            ]
        prompt = _short(_plain(question.get("prompt", "")), 60)
        lines.append(f"{prompt} → {' + '.join(chosen) or _('(bỏ trống)')}")
    return lines


def _h5p_readable(h5p, response: str) -> list[str]:
    package = getattr(h5p, "package", None)
    if package is None:
        return [response]
    library = package.main_library.machine_name
    params = package.content_json if isinstance(package.content_json, dict) else {}
    if library == "H5P.TrueFalse":
        return [{"true": _("Đúng"), "false": _("Sai")}.get(response, response)]
    if library == "H5P.MultiChoice":
        answers = params.get("answers") or []
        texts = []
        for part in response.split(SEPARATOR) if response else []:
            if not part.isdigit() or int(part) >= len(answers):
                return [response]
            texts.append(_plain(answers[int(part)].get("text", "")))
        return [" + ".join(texts) or _("(bỏ trống)")]
    return [response.replace(SEPARATOR, ", ")]


def response_readable(block, response: str) -> list[str]:
    """The wrong answers a failed ``response`` to ``block`` stands for, in words."""
    if response is None or response == "":
        return [_("(bỏ trống)")]
    if block is None:
        return [_short(str(response))]
    if block.block_type == "quiz":
        return [_short(line) for line in _quiz_wrong(block.value, response)] or [_short(response)]
    return [_short(line) for line in _h5p_readable(block.value.get("activity"), str(response))]


def activity_stats(*, members, columns: list[Column], blocks: dict) -> list[ActivityStats]:
    """One ActivityStats per column, over ``members`` (a queryset of learner ids). ``blocks``:
    activity iri → its block (for readable answers)."""
    stats = {c.iri: ActivityStats(c) for c in columns}
    iris = list(stats)
    results = ActivityResult.objects.filter(learner_id__in=members, activity_iri__in=iris)
    for iri, tried, passed, first_tries, first_passed in (
        results.values("activity_iri")
        .annotate(
            tried=Count("id"),
            passed=Count("id", filter=Q(passed=True)),
            first_tries=Count("id", filter=Q(first_try_passed__isnull=False)),
            first_passed=Count("id", filter=Q(first_try_passed=True)),
        )
        .values_list("activity_iri", "tried", "passed", "first_tries", "first_passed")
    ):
        stat = stats[iri]
        stat.tried, stat.passed = tried, passed
        stat.first_tries, stat.first_passed = first_tries, first_passed
    counters: dict[str, Counter] = {}
    for iri, response, n in (
        Statement.objects.filter(learner_id__in=members, activity_iri__in=iris, success=False)
        .values("activity_iri", response=KT("payload__result__response"))
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("activity_iri", "response", "n")[:MAX_RESPONSE_GROUPS]
    ):
        counter = counters.setdefault(iri, Counter())
        for line in response_readable(blocks.get(iri), response):
            counter[line] += n
    for iri, counter in counters.items():
        stats[iri].wrong = counter.most_common(TOP_ANSWERS)
    return list(stats.values())


def column_blocks(columns: list[Column]) -> dict:
    """activity iri → its block, from the lesson plans progress keeps (no query when warm)."""
    from progress.plans import lesson_plan

    blocks = {}
    for lesson_id in {c.lesson_id for c in columns}:
        plan = lesson_plan(lesson_id)
        for block, activity in plan.blocks.values() if plan else []:
            blocks[activity.iri] = block
    return blocks
