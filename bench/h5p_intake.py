"""Benchmark: H5P intake — time to validate and to store each fixture package, and what sharing
libraries between packages saves in storage.

Standalone: ``.venv/bin/python bench/h5p_intake.py`` (``make bench`` runs it too). It sets up
Django with the test settings, a temporary SQLite file database (migrated here) and a temporary
MEDIA_ROOT, so it touches nothing of yours. Needs ../shared/fixtures/h5p; says so and stops
(successfully) when the folder is absent.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / "../shared/fixtures/h5p").resolve()
RUNS = 7
PACKAGES = [
    "truefalse-hello.h5p",
    "multichoice.h5p",
    "blanks.h5p",
    "dragtext.h5p",
    "questionset.h5p",
]


def setup_django(workdir: Path) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def main() -> int:
    if not FIXTURES.is_dir():
        print("../shared/fixtures is not present (a user's own clone): nothing to measure.")
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="h5p-bench-"))
    try:
        setup_django(workdir)
        return run(workdir / "media")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(media: Path) -> int:
    from courses.h5p.services import h5p_package_ingest
    from courses.h5p.storage import package_store
    from courses.h5p.validation import validate_package
    from courses.models.h5p import H5PLibrary, H5PPackage

    def reset() -> None:
        H5PPackage.objects.all().delete()
        H5PLibrary.objects.all().delete()
        shutil.rmtree(media, ignore_errors=True)

    def stored() -> tuple[int, int]:
        files = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
        return sum(path.stat().st_size for path in files), len(files)

    data = {name: (FIXTURES / name).read_bytes() for name in PACKAGES}
    print(f"H5P intake — median of {RUNS} runs; SQLite file database, local file storage")
    print(
        f"{'package':<22}{'upload KB':>10}{'files':>7}{'libs':>6}"
        f"{'validate ms':>13}{'store ms':>10}{'re-upload ms':>14}{'stored KB':>11}"
    )
    for name, upload in data.items():
        validate, store, again = [], [], []
        for _run in range(RUNS):
            start = time.perf_counter()
            info = validate_package(upload)
            validate.append(time.perf_counter() - start)
            reset()
            start = time.perf_counter()
            package_store(info=info)
            store.append(time.perf_counter() - start)
            start = time.perf_counter()
            h5p_package_ingest(file=upload, uploaded_by=None)  # identical upload: a look-up
            again.append(time.perf_counter() - start)
        size, _count = stored()
        print(
            f"{name:<22}{len(upload) / 1024:>10.0f}{info.file_count:>7}{len(info.libraries):>6}"
            f"{median_ms(validate):>13.1f}{median_ms(store):>10.1f}{median_ms(again):>14.2f}"
            f"{size / 1024:>11.0f}"
        )

    pair = ["truefalse-hello.h5p", "multichoice.h5p"]
    separately = []
    for name in pair:
        reset()
        h5p_package_ingest(file=data[name], uploaded_by=None)
        separately.append(stored())
    reset()
    for name in pair:
        h5p_package_ingest(file=data[name], uploaded_by=None)
    together, together_files = stored()
    needed = sum(package.libraries.count() for package in H5PPackage.objects.all())
    versions = H5PLibrary.objects.count()
    apart = sum(size for size, _files in separately)
    apart_files = sum(files for _size, files in separately)
    saving = apart - together
    print()
    print("Library sharing: truefalse-hello + multichoice")
    print(f"  stored separately: {apart / 1024:8.0f} KB in {apart_files} files")
    print(f"  stored together:   {together / 1024:8.0f} KB in {together_files} files")
    print(
        f"  saving: {saving / 1024:.0f} KB = {100 * saving / apart:.1f}%"
        f" ({versions} library versions stored for the {needed} the two packages need)"
    )
    reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())
