"""Shared parts of bench/statements.py: the name of its PostgreSQL database (``cdht_bench``;
resetting it, the Redis check and Django in this process: bench/_database.py), the production
server's environment, the course and learners, logged-in sessions and statements shaped like
a captured H5P one. Not run itself."""

import json
import os
import secrets
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
H5P = (ROOT / "../shared/fixtures/h5p").resolve()
FIXTURE = H5P / "truefalse-hello.h5p"
CAPTURED = H5P / "xapi-captured-truefalse.json"
PG_URL = "postgres://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "cdht_bench"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"


def server_env(database_url: str, workdir: Path, redis_url: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    if redis_url:  # cache and sessions in Redis, as production runs with several workers
        env.update(REDIS_URL=redis_url, REDIS_PREFIX=f"bench-{secrets.token_hex(4)}")
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="127.0.0.1")
    env.update(SITE_URL="http://127.0.0.1")  # required by production settings
    env.update(SECRET_KEY=secrets.token_urlsafe(45), SECURE_SSL_REDIRECT="off")  # 60 characters
    env.update(DATABASE_URL=database_url, PYTHONPATH=os.pathsep.join([".", "site"]))
    env.update({name: str(workdir / name.lower()) for name in ("VAR_DIR", "MEDIA_ROOT")})
    return env


def course_setup(learner_count: int, password: str = ""):
    """(activity IRI, answer key or None for the quiz fallback, learners, note). With a
    ``password``, every learner can log in with it (hashed once, by the production hasher)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from courses.selectors import lesson_activities
    from tests.courses import builders

    if FIXTURE.is_file() and CAPTURED.is_file():
        activity = builders.h5p_activity_from_fixture(FIXTURE.name, pass_mark=100)
        key = "true" if activity.package.content_json.get("correct", "true") == "true" else "false"
        block, note = builders.h5p_block(activity), f"H5P activity ({FIXTURE.name})"
    else:
        block, key = builders.quiz_block(), None
        note = "../shared/fixtures/h5p is absent: CMS quiz activity instead of H5P"
    _course, (lesson,) = builders.course_build(lessons=[[block]], title="Khóa học đo tải")
    iri = lesson_activities(lesson=lesson)[0].iri
    user = get_user_model()
    hashed = make_password(password or None)
    learners = user.objects.bulk_create(
        user(
            username=f"bench{n}",
            full_name=f"Học viên {n}",
            email=f"bench{n}@example.org",
            password=hashed,
        )
        for n in range(learner_count)
    )
    return iri, key, list(user.objects.filter(pk__in=[u.pk for u in learners])), note


def session_cookie(learner, csrf_secret: str) -> str:
    """A logged-in session created in the database (the production session cookie is Secure,
    so logging in over plain HTTP would not keep it) and the CSRF cookie, as a Cookie header."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf_secret}"
    )


def statement_factory(iri: str, key: str | None):
    """make(n) → a new statement (unique id) shaped like the captured H5P one."""
    from courses.quiz import quiz_response_encode

    template = None
    if key is not None:
        captured = json.loads(CAPTURED.read_text())
        template = next(s for s in captured if s["verb"]["id"] == ANSWERED)

    def make(n: int) -> dict:
        if template is None:
            answers = {"0": ["0"], "1": ["true"], "2": ["0", "1"] if n % 2 else ["2"]}
            result = {"response": quiz_response_encode(answers), "completion": True}
            statement = {"verb": {"id": ANSWERED}, "object": {"id": iri}, "result": result}
        else:
            statement = json.loads(json.dumps(template))
            statement["object"]["id"] = iri
            response = "true" if n % 2 else "false"
            right = int(response == key)
            statement["result"].update(response=response, success=bool(right))
            statement["result"]["score"].update(raw=right, scaled=right)
        statement["id"] = str(uuid.uuid4())
        return statement

    return make
