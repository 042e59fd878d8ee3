"""The benchmarks' database: a PostgreSQL database of their own (dropped and created afresh on
the server they are given) or a fresh SQLite file, Django set up in this process with the test
settings and migrated, sample hamlets in it, and whether Redis answers. Imported by the bench
scripts, not run."""

import os
import socket
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def pg_database_reset(admin_url: str, *, create: bool, name: str) -> str:
    """Drop the database ``name`` on ``admin_url``'s server (through its ``postgres``
    database) and, with ``create``, create it empty; returns its URL. Raises
    psycopg.OperationalError when the server does not answer within 3 s."""
    import psycopg

    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    server = admin_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            admin.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def pg_database_try(admin_url: str, *, create: bool, name: str, note: str = "") -> str | None:
    """``pg_database_reset``, or None when PostgreSQL does not answer (said so, then
    ``note``)."""
    import psycopg

    try:
        return pg_database_reset(admin_url, create=create, name=name)
    except psycopg.OperationalError as error:
        server = admin_url.rsplit("/", 1)[0] + "/postgres"
        print(f"PostgreSQL does not answer at {server} ({error}){note}.")
        return None


def database_choose(
    db: str, *, pg_url: str, name: str, workdir: Path, note: str = ""
) -> tuple[str, str] | None:
    """The database of a bench's ``--db`` choice: ``postgres`` (None when it does not
    answer), ``sqlite`` (a file in ``workdir``) or ``auto`` (PostgreSQL when it answers, else
    SQLite). Returns (database URL, engine as the output names it)."""
    url = None
    if db in ("auto", "postgres"):
        url = pg_database_try(pg_url, create=True, name=name, note=note)
        if url is None and db == "postgres":
            return None
    engine = "PostgreSQL" if url else "SQLite (PostgreSQL unavailable)"
    if db == "sqlite":
        engine = "SQLite"
    return url or f"sqlite:///{workdir}/bench.sqlite3", engine


def django_setup(env: dict, *, migrate: bool = True) -> None:
    """Django in this process with ``env`` over this process's environment (its REDIS_URL
    and DATABASE_URL dropped first), migrated unless ``migrate`` is off."""
    for name in ("REDIS_URL", "DATABASE_URL"):
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]  # before bench/: its scripts are not apps
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", verbosity=0)


def django_test_setup(database_url: str, *, media: Path, var_dir: Path | None = None) -> None:
    """``django_setup`` with the test settings on ``database_url`` (no Redis: the cache in
    memory), media in ``media`` (and VAR_DIR in ``var_dir`` if given)."""
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    env["TEST_MEDIA_ROOT"] = str(media)
    if var_dir is not None:
        env["VAR_DIR"] = str(var_dir)
    django_setup(env)


@contextmanager
def bench_database(
    db: str,
    *,
    pg_url: str,
    name: str,
    workdir: Path,
    keep: bool = False,
    reuse: bool = False,
    var_dir: Path | None = None,
    note: str = "",
):
    """Django in this process (``django_test_setup``, media in ``workdir``) on the database
    of a bench's ``--db`` choice (``database_choose``; with ``reuse``, PostgreSQL's ``name``
    as it was kept). Yields the engine as the output names it, or None when ``db`` is
    "postgres" and PostgreSQL does not answer. Afterwards: connections closed, the PostgreSQL
    database dropped unless ``keep``."""
    if reuse:
        chosen = (pg_url.rsplit("/", 1)[0] + f"/{name}", "PostgreSQL")
    else:
        chosen = database_choose(db, pg_url=pg_url, name=name, workdir=workdir, note=note)
    if chosen is None:
        yield None
        return
    url, engine = chosen
    try:
        django_test_setup(url, media=workdir / "media", var_dir=var_dir)
        yield engine
    finally:
        from django.db import connections

        connections.close_all()
        if url.startswith("postgres") and not keep:
            pg_database_try(pg_url, create=False, name=name)


def database_options(parser) -> None:
    """A bench's ``--db`` (auto, postgres, sqlite), ``--pg-url`` (the server to create its
    database on: ``DATABASE_URL``'s if set, else ``BENCH_PG_URL`` or the local one) and
    ``--keep`` (keep the PostgreSQL database) options."""
    parser.add_argument("--db", choices=["auto", "postgres", "sqlite"], default="auto")
    admin = os.environ.get("DATABASE_URL") or os.environ.get("BENCH_PG_URL") or PG_URL
    parser.add_argument("--pg-url", default=admin, help="a server to create the database on")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")


def database_run(args, *, name: str, prefix: str, measure) -> int:
    """``measure(engine)`` on the database of ``database_options``' choice (``name`` on
    PostgreSQL), VAR_DIR and media in a temporary folder ``prefix``…, removed afterwards;
    1 when ``--db postgres`` does not answer."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        workdir = Path(folder)
        database = bench_database(
            args.db, pg_url=args.pg_url, name=name, workdir=workdir, keep=args.keep,
            var_dir=workdir,
        )  # fmt: skip
        with database as engine:
            return 1 if engine is None else measure(engine)


def hamlets_sample(commune, count: int, *, name: str = "Ấp Thử") -> list:
    """``count`` sample hamlets under ``commune`` ("``name`` 1" …), valid from its start."""
    from people.models import AdministrativeUnit, UnitLevel

    return [
        AdministrativeUnit.objects.create(
            parent=commune,
            name=f"{name} {n}",
            kind="ấp",
            level=UnitLevel.HAMLET,
            valid_from=commune.valid_from,
            is_sample=True,
        )
        for n in range(1, count + 1)
    ]


def redis_answers(url: str) -> bool:
    """Whether something listens at the Redis URL's host and port (2 s to answer)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2):
            return True
    except OSError:
        return False
