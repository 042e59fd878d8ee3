"""Benchmark: H5P intake — memory and time for heavy and hostile uploads, then the time to validate
and store each fixture package and what sharing libraries between packages saves in storage.

Standalone: ``.venv/bin/python bench/h5p_intake.py`` (``make bench`` runs it too). It sets up
Django with the test settings, a temporary SQLite file database (migrated here) and a temporary
MEDIA_ROOT, so it touches nothing of yours. Needs ../shared/fixtures/h5p; says so and stops
(successfully) when the folder is absent.

Part 1 runs ``h5p_package_ingest`` on each case in a fresh process and reads that process's peak
resident memory (``ru_maxrss``) before and after the call, then again under ``tracemalloc`` (the
Python allocations' peak). Cases, built once into ``/tmp/h5p-intake-bench/``:

- ``large``   a real fixture plus ~186 MiB of incompressible video: a legitimate 190 MiB package
              (upload and unpacked limits raised to 256 MiB for this case only);
- ``many``    400,000 empty entries (refused: too many files);
- ``bomb``    1 GiB of zeros deflated to ~1 MiB (refused);
- ``bmp``     a real fixture plus a 3 MB plain BMP, which compresses ~1000:1 (accepted).

``--before DIR`` measures the same cases against another checkout of the code too and prints
both, e.g. ``git worktree add /tmp/intake-before <commit>`` then
``bench/h5p_intake.py --before /tmp/intake-before`` (``git worktree remove`` it afterwards).
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = (ROOT / "../shared/fixtures/h5p").resolve()
CASES_DIR = Path(tempfile.gettempdir()) / "h5p-intake-bench"
MIB = 1024 * 1024
RUNS = 7
PACKAGES = [
    "truefalse-hello.h5p",
    "multichoice.h5p",
    "blanks.h5p",
    "dragtext.h5p",
    "questionset.h5p",
]
CASES = ["large", "many", "bomb", "bmp"]


# --- the cases ----------------------------------------------------------------------------------


def _copy_fixture(archive: zipfile.ZipFile, name: str = "truefalse-hello.h5p") -> None:
    with zipfile.ZipFile(FIXTURES / name) as source:
        for info in source.infolist():
            archive.writestr(info, source.read(info), compress_type=zipfile.ZIP_DEFLATED)


def _build_large(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        _copy_fixture(archive)
        for number in range(6):  # 6 × 31 MiB of random bytes: video does not compress
            with archive.open(f"content/videos/clip-{number}.mp4", "w", force_zip64=True) as out:
                for _chunk in range(31):
                    out.write(os.urandom(MIB))


def _build_many(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        _copy_fixture(archive)
        for number in range(400_000):
            archive.writestr(f"content/e/{number}.txt", b"")


def _build_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _copy_fixture(archive)
        with archive.open("content/zeros.txt", "w", force_zip64=True) as out:
            zeros = bytes(MIB)
            for _chunk in range(1024):
                out.write(zeros)


def _plain_bmp(width: int = 1024, height: int = 1024) -> bytes:
    pixels = bytes((0xE0, 0xF0, 0xFF)) * width * height  # 24-bit, one colour, rows need no padding
    header = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54)
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(pixels), 2835, 2835, 0, 0)
    return header + dib + pixels


def _build_bmp(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _copy_fixture(archive)
        archive.writestr("content/images/nen.bmp", _plain_bmp())


BUILDERS = {"large": _build_large, "many": _build_many, "bomb": _build_bomb, "bmp": _build_bmp}


def case_file(case: str) -> Path:
    CASES_DIR.mkdir(exist_ok=True)
    path = CASES_DIR / f"{case}-v1.h5p"
    if not path.exists():
        partial = path.with_suffix(".part")
        BUILDERS[case](partial)
        partial.rename(path)
    return path


# --- one measurement, in a fresh process --------------------------------------------------------


def setup_django(code: Path, workdir: Path, database: Path) -> None:
    sys.path[:0] = [str(code), str(code / "site")]
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["TEST_MEDIA_ROOT"] = str(workdir / "media")
    os.environ["VAR_DIR"] = str(workdir)
    import django

    django.setup()


def child(args) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="h5p-bench-child-"))
    try:
        database = workdir / "bench.sqlite3"
        if args.migrate:
            database = Path(args.db)
        else:
            shutil.copyfile(args.db, database)
        setup_django(Path(args.code), workdir, database)
        if args.migrate:
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            return 0
        return measure(args.child, Path(args.package), trace=args.trace)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure(case: str, package: Path, *, trace: bool) -> int:
    import tracemalloc

    from django.conf import settings

    from courses.h5p.services import h5p_package_ingest
    from courses.h5p.validation import H5PValidationError

    if case == "large":
        settings.H5P_MAX_UPLOAD_BYTES = settings.H5P_MAX_UNCOMPRESSED_BYTES = 256 * MIB
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    with package.open("rb") as upload:
        try:
            h5p_package_ingest(file=upload, uploaded_by=None)
            outcome = "accepted"
        except H5PValidationError as error:
            outcome = f"refused: {error.code}"
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1] if trace else None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {"outcome": outcome, "seconds": seconds, "base_kb": base, "peak_kb": peak}
    print(json.dumps(result | {"traced": traced}))
    return 0


def run_child(code: Path, template: Path, case: str, *, trace: bool) -> dict:
    command = [sys.executable, __file__, "--child", case, "--code", str(code)]
    command += ["--db", str(template), "--package", str(case_file(case))]
    command += ["--trace"] if trace else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"{case} on {code} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_cases(codes: dict[str, Path], workdir: Path) -> None:
    print("H5P intake — heavy and hostile uploads, one fresh process per measurement")
    for case in CASES:
        case_file(case)
    print(
        f"{'case':<7}{'code':<8}{'upload MiB':>11}  {'outcome':<30}{'seconds':>8}"
        f"{'peak RSS MB':>13}{'+RSS MB':>9}{'traced peak MB':>16}"
    )
    for label, code in codes.items():
        template = workdir / f"template-{label}.sqlite3"
        command = [sys.executable, __file__, "--child", "migrate", "--migrate"]
        command += ["--code", str(code), "--db", str(template)]
        subprocess.run(command, check=True)  # noqa: S603
    for case in CASES:
        size = case_file(case).stat().st_size / MIB
        for label, code in codes.items():
            template = workdir / f"template-{label}.sqlite3"
            plain = run_child(code, template, case, trace=False)
            traced = run_child(code, template, case, trace=True)
            print(
                f"{case:<7}{label:<8}{size:>11.1f}  {plain['outcome']:<30}{plain['seconds']:>8.2f}"
                f"{plain['peak_kb'] / 1024:>13.0f}"
                f"{(plain['peak_kb'] - plain['base_kb']) / 1024:>9.0f}"
                f"{traced['traced'] / MIB:>16.1f}"
            )


# --- fixture packages ---------------------------------------------------------------------------


def median_ms(timings: list[float]) -> float:
    return statistics.median(timings) * 1000


def fixture_timings(workdir: Path) -> None:
    database = workdir / "fixtures.sqlite3"
    setup_django(ROOT, workdir, database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    media = workdir / "media"

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
    print()
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="another checkout of the code, measured side by side")
    parser.add_argument("--cases-only", action="store_true", help="skip the fixture timings")
    parser.add_argument("--before-only", action="store_true", help="measure only --before")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--code", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--package", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--migrate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if not FIXTURES.is_dir():
        print("../shared/fixtures is not present (a user's own clone): nothing to measure.")
        return 0
    codes = {"before": Path(args.before).resolve()} if args.before else {}
    if not (args.before and args.before_only):
        codes["now"] = ROOT
    workdir = Path(tempfile.mkdtemp(prefix="h5p-bench-"))
    try:
        memory_cases(codes, workdir)
        if not args.cases_only:
            fixture_timings(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
