"""Benchmark: issuing certificates end to end — one recognition decision covering COUNT people,
issued by WORKERS worker processes (the decision task's code path: number, PDF, signed
credential, file, row), on a fresh database.

``.venv/bin/python bench/certificates.py [--count 10000] [--workers 2] [--db sqlite|postgres]
[--pdf-samples 200]`` (``make bench`` runs it with the defaults). It prints the PDF time per
certificate (median, p95), certificates per second for the whole run, and where the workers'
time went (PDF, signing, database, file storage). Production settings, a temporary SQLite file
(WAL) or PostgreSQL's ``cdht_bench_certs`` (dropped and recreated through ``--pg-url``), a key
made for the run, and the sample seal and signature on every PDF. Runtime on 2 cores: about
4.5 minutes for 10,000 on SQLite (set-up 20 s, issuing 250 s: about 40 certificates/s);
``--count 1000`` takes about 45 seconds. Only 127.0.0.1 is contacted; the temporary folder
(about 600 MB of PDFs for 10,000) is removed at the end unless ``--keep``.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _database import django_setup, pg_database_reset

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "cdht_bench_certs"
SITE = "https://congdanhoctap.example.vn"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Thị", "Văn", "Minh", "Ngọc", "Hữu", "Thu"]
GIVEN = ["Hồng Nhung", "Bảy", "Khôi", "Ánh", "Việt", "Hằng", "Lộc", "Yến", "Phúc", "Thảo"]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="people in the decision")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pdf-samples", type=int, default=200)
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", PG_URL))
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)  # internal: decision id
    args = parser.parse_args(argv)
    if args.count < 1 or args.workers < 1:
        parser.error("--count and --workers must be positive")
    return args


def person(index: int) -> str:
    return (
        f"{FAMILY[index % len(FAMILY)]} {MIDDLE[index // 10 % len(MIDDLE)]} "
        f"{GIVEN[index // 60 % len(GIVEN)]}"
    )


# --- Environment, database, Django ------------------------------------------------------------


def bench_env(workdir: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY=secrets.token_urlsafe(45),
        SECURE_SSL_REDIRECT="off",
        DATABASE_URL=database_url,
        PYTHONPATH=os.pathsep.join(
            [str(ROOT), str(ROOT / "site"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
        VAR_DIR=str(workdir / "var"),
        MEDIA_ROOT=str(workdir / "media"),
        SITE_URL=SITE,
        CERTIFICATE_SIGNING_KEY_FILE=str(workdir / "keys" / "issuer-ed25519.pem"),
    )
    return env


def key_make(path: Path) -> None:
    """Production settings never make a key: the operator does, like this."""
    sys.path.insert(0, str(ROOT))
    from certificates.credentials import key_generate, key_private_write

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key_private_write(key_generate(), path)


# --- Data: a commune, a hamlet, a decision recognising COUNT people ---------------------------


def data_build(count: int) -> int:
    """Create the people, their recognised applications and the decision; its id."""
    import io
    from datetime import date

    from django.core.files.images import ImageFile
    from django.utils import timezone
    from wagtail.images.models import Image

    from certificates.criteria_seed import criteria_sets_seed
    from certificates.models import (
        Application,
        CertificateKind,
        CertificateTemplate,
        CriteriaSet,
        Criterion,
        Cycle,
        Indicator,
        RecognitionDecision,
        Status,
    )
    from certificates.pdf.sample import sample_seal_png, sample_signature_png
    from people.models import AdministrativeUnit, OccupationGroup, Profile, UnitLevel, User

    reform = date(2025, 7, 1)
    commune = AdministrativeUnit(
        name="Củ Chi", kind="xã", level=UnitLevel.COMMUNE, code="27553", valid_from=reform
    )
    commune.save()
    hamlet = AdministrativeUnit(
        name="Ấp Phú Hòa", kind="ấp", level=UnitLevel.HAMLET, parent=commune, valid_from=reform
    )
    hamlet.save()
    criteria_sets_seed(
        CriteriaSet=CriteriaSet,
        Criterion=Criterion,
        Indicator=Indicator,
        OccupationGroup=OccupationGroup,
    )
    criteria_set = CriteriaSet.objects.get(occupation_group__code="farmers", version=1)
    today = timezone.localdate()
    windows = {
        f"{stage}_{edge}": today
        for stage in ("registration", "branch_review", "commune_evaluation", "appraisal")
        for edge in ("start", "end")
    }
    cycle = Cycle.objects.create(unit=commune, year=today.year, **windows)
    decision = RecognitionDecision.objects.create(
        cycle=cycle,
        commune=commune,
        number="123/QĐ-UBND",
        signed_on=today,
        signer_name="Trần Văn Bảy",
        signer_title="Chủ tịch",
        issuing_body="Ủy ban nhân dân xã Củ Chi",
    )
    images = [
        Image.objects.create(
            title=title, description=title, file=ImageFile(io.BytesIO(png), name=name)
        )
        for title, name, png in (
            ("Con dấu mẫu", "con-dau.png", sample_seal_png()),
            ("Chữ ký mẫu", "chu-ky.png", sample_signature_png()),
        )
    ]
    CertificateTemplate.objects.create(
        name="Mẫu đo tải",
        kind=CertificateKind.TITLE,
        seal_image=images[0],
        signature_image=images[1],
    )
    batch = 2000
    for start in range(0, count, batch):
        stop = min(count, start + batch)
        users = User.objects.bulk_create(
            User(username=f"bench{n}", full_name=person(n), email=f"bench{n}@example.org")
            for n in range(start, stop)
        )
        users = list(User.objects.filter(username__in=[u.username for u in users]))
        Profile.objects.bulk_create(
            Profile(
                user=user,
                home_unit=hamlet,
                year_of_birth=1950 + user.pk % 50,
                occupation_group=criteria_set.occupation_group,
            )
            for user in users
        )
        Application.objects.bulk_create(
            Application(
                applicant=user,
                cycle=cycle,
                criteria_set=criteria_set,
                occupation_group=criteria_set.occupation_group,
                hamlet=hamlet,
                commune=commune,
                status=Status.RECOGNISED,
                decision=decision,
                final_total=95,
                meets_rule=True,
            )
            for user in users
        )
    return decision.pk


# --- Measurements -----------------------------------------------------------------------------


def pdf_bench(samples: int, decision_id: int) -> list[float]:
    """Render ``samples`` certificates of the decision (unsaved rows, real template)."""
    from django.utils import timezone

    from certificates.issuing import render
    from certificates.issuing.codes import code_new
    from certificates.models import Application, Certificate, CertificateKind

    templates = render.TemplateCache()
    application = Application.objects.filter(decision_id=decision_id).first()
    template = templates.get(kind=CertificateKind.TITLE, commune_id=application.commune_id)
    render.pdf_render(_sample_row(Certificate, application, 0, code_new(), timezone), template)
    timings = []
    for index in range(1, samples + 1):
        row = _sample_row(Certificate, application, index, code_new(), timezone)
        started = time.perf_counter()
        render.pdf_render(row, template)
        timings.append(time.perf_counter() - started)
    return timings


def _sample_row(model, application, index, code, timezone):
    return model(
        kind="title", issuer_unit=application.commune, series="CDHT-27553", year=2025,
        serial=index, register_number=f"CDHT-2025-27553-{index:06d}", code=code,
        status_index=index, full_name=person(index), birth_year=1970, hamlet_name="Ấp Phú Hòa",
        commune_name="xã Củ Chi", cycle_year=2025, decision_number="123/QĐ-UBND",
        decision_date=timezone.localdate(), decision_signer="Trần Văn Bảy",
        decision_signer_title="Chủ tịch", issuer_name="Ủy ban nhân dân xã Củ Chi",
        issued_at=timezone.now(),
    )  # fmt: skip


def worker(decision_id: int) -> None:
    """One worker process: the decision task's code, with its time split kept."""
    from certificates.issuing.bulk import decision_issue_pending
    from certificates.issuing.services import IssueStats

    stats = IssueStats()
    started = time.perf_counter()
    decision_issue_pending(decision_id=decision_id, stats=stats, stale_seconds=3600)
    wall = time.perf_counter() - started
    result = {
        name: getattr(stats, name)
        for name in ("issued", "already", "busy", "db", "pdf", "sign", "storage")
    }
    print(json.dumps({**result, "wall": wall, "errors": stats.errors[:5]}), flush=True)


def check(count: int) -> list[str]:
    from django.db.models import Count, Max, Min

    from certificates.models import Certificate

    problems = []
    summary = Certificate.objects.aggregate(
        n=Count("pk"), low=Min("serial"), high=Max("serial"), indexes=Count("status_index")
    )
    if summary != {"n": count, "low": 1, "high": count, "indexes": count}:
        problems.append(f"numbers are not 1..{count} without gaps: {summary}")
    if (
        Certificate.objects.filter(pdf="").exists()
        or Certificate.objects.filter(credential__isnull=True).exists()
    ):
        problems.append("some certificates have no PDF or credential")
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="cdht-bench-certs-"))
    try:
        if args.db == "postgres":
            database_url = pg_database_reset(args.pg_url, create=True, name=BENCH_DB)
        else:
            database_url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        env = bench_env(workdir, database_url)
        key_make(Path(env["CERTIFICATE_SIGNING_KEY_FILE"]))
        django_setup(env, migrate=False)
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        decision_id = data_build(args.count)
        print(
            f"Set-up ({args.db}): migrated, {args.count} recognised applications in one "
            f"decision, in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        timings = pdf_bench(args.pdf_samples, decision_id)
        median, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(
            f"PDF per certificate ({len(timings)} renders, seal and signature): "
            f"median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",
            flush=True,
        )
        connection.close()
        command = [sys.executable, __file__, "--worker", str(decision_id)]
        started = time.perf_counter()
        processes = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
            for _ in range(args.workers)
        ]
        outputs = [process.communicate()[0] for process in processes]
        wall = time.perf_counter() - started
        if any(process.returncode for process in processes):
            print("A worker failed:\n" + "\n".join(outputs))
            return 1
        stats = [json.loads(output.strip().splitlines()[-1]) for output in outputs]
        problems = check(args.count)
        issued = sum(s["issued"] for s in stats)
        print(
            f"Bulk issue: {issued} certificates by {args.workers} workers in {wall:.1f} s = "
            f"{issued / wall:.1f} certificates/s (each worker: "
            + ", ".join(f"{s['issued']} issued, {s['already'] + s['busy']} skipped" for s in stats)
            + ")"
        )
        busy = sum(s["wall"] for s in stats)
        parts = {name: sum(s[name] for s in stats) for name in ("pdf", "sign", "db", "storage")}
        parts["other (Python, templates)"] = max(0.0, busy - sum(parts.values()))
        print(
            "Share of the workers' time: "
            + ", ".join(f"{name} {100 * value / busy:.0f}%" for name, value in parts.items())
        )
        print(
            f"Per certificate (one core): {1000 * busy / issued:.1f} ms — "
            + ", ".join(
                f"{name.split(' ')[0]} {1000 * value / issued:.1f} ms"
                for name, value in parts.items()
            )
        )
        for problem in problems:
            print("PROBLEM:", problem)
        return 1 if problems else 0
    finally:
        if args.db == "postgres":
            from django.db import connections

            connections.close_all()
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.worker:
        django_setup(dict(os.environ), migrate=False)
        worker(args.worker)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
