"""The programme demo: seven communes, last year, idempotent, counters equal to a recompute."""

import io

import pytest
from django.utils import timezone

from programme.demo import demo_load
from programme.models import Counter, DeclaredTotal, Target
from programme.recompute import counters_recompute

pytestmark = pytest.mark.django_db


def test_demo_fills_the_seven_communes_once_and_counts_match_raw_records(places, criteria):
    from people.demo import demo_load as people_demo

    people_demo(stdout=io.StringIO())
    demo_load(stdout=io.StringIO())
    year = timezone.localdate().year - 1
    communes = set(
        Counter.objects.filter(year=year, metric="t4_den", unit__level=3).values_list(
            "unit__name", flat=True
        )
    )
    assert communes == {"Củ Chi", "Tân An Hội", "Thái Mỹ", "An Nhơn Tây", "Nhuận Đức",
                        "Phú Hòa Đông", "Bình Mỹ"}  # fmt: skip
    before = dict(Counter.objects.values_list("pk", "value"))
    demo_load(stdout=io.StringIO())
    assert dict(Counter.objects.values_list("pk", "value")) == before
    assert counters_recompute() == []
    assert Target.objects.filter(year=year).count() == 2
    assert DeclaredTotal.objects.filter(year=year).count() == 2
