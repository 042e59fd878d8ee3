"""Each settings profile imports in a fresh interpreter (module-level code runs for real), and
production refuses an insecure configuration."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Settings read these; the test decides them, not the shell that started pytest.
CONTROLLED = {
    "DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "VAR_DIR",
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "CSRF_TRUSTED_ORIGINS",
    # Set by the browser tests for their own process; `check --deploy` rightly rejects it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SITE_URL", "CERTIFICATE_OPERATOR_NAME", "CERTIFICATE_OPERATOR_PLACE",
}  # fmt: skip
REPORT = """
import json, importlib, sys
s = importlib.import_module(sys.argv[1])
names = sys.argv[2].split(",")
print(json.dumps({n: getattr(s, n, None) for n in names}, default=str))
"""


def _env(tmp_path, **values) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CONTROLLED}
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{ROOT / 'site'}"
    env["VAR_DIR"] = str(tmp_path)
    env.update({k: v for k, v in values.items() if v is not None})
    return env


def _run(args, env, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 — our own interpreter and arguments
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def _settings(module, names, env) -> dict:
    result = _run(["-c", REPORT, module, ",".join(names)], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _good_production(tmp_path, **overrides):
    values = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "cdht.example.vn",
        "SITE_URL": "https://cdht.example.vn",
    }
    return _env(tmp_path, **(values | overrides))


@pytest.mark.parametrize("profile", ["dev", "test", "production"])
def test_every_profile_imports(tmp_path, profile):
    env = _good_production(tmp_path) if profile == "production" else _env(tmp_path)
    result = _run(["-c", f"import config.settings.{profile}"], env)
    assert result.returncode == 0, result.stderr


def test_dev_generates_a_secret_key_once_and_keeps_it(tmp_path):
    env = _env(tmp_path)
    first = _settings("config.settings.dev", ["SECRET_KEY", "DEBUG"], env)
    second = _settings("config.settings.dev", ["SECRET_KEY"], env)
    assert first["DEBUG"] is True
    assert len(first["SECRET_KEY"]) >= 50
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first["SECRET_KEY"]
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_dev_uses_a_given_secret_key(tmp_path):
    key = secrets.token_urlsafe(60)
    assert _settings("config.settings.dev", ["SECRET_KEY"], _env(tmp_path, SECRET_KEY=key)) == {
        "SECRET_KEY": key
    }
    assert not (tmp_path / "secret_key").exists()


def test_redis_url_switches_channel_layer_and_cache(tmp_path):
    names = ["CHANNEL_LAYERS", "CACHES"]
    plain = _settings("config.settings.dev", names, _env(tmp_path))
    assert plain["CHANNEL_LAYERS"]["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    assert "locmem" in plain["CACHES"]["default"]["BACKEND"]
    url = "redis://127.0.0.1:6379/5"
    redis = _settings("config.settings.dev", names, _env(tmp_path, REDIS_URL=url))
    layer = redis["CHANNEL_LAYERS"]["default"]
    assert layer["BACKEND"] == "config.channel_layer.TolerantRedisChannelLayer"
    assert layer["CONFIG"]["hosts"][0]["address"] == url
    assert 0 < layer["CONFIG"]["hosts"][0]["socket_connect_timeout"] < 1
    assert redis["CACHES"]["default"]["LOCATION"] == url
    assert redis["CACHES"]["default"]["BACKEND"] == "config.cache.FaultTolerantRedisCache"


def test_production_pool_checks_connections_and_fails_fast(tmp_path):
    url = "postgres://cdht@127.0.0.1:5999/cdht"
    env = _good_production(tmp_path, DATABASE_URL=url)
    database = _settings("config.settings.production", ["DATABASES"], env)["DATABASES"]["default"]
    assert database["CONN_HEALTH_CHECKS"] is True  # Django then gives the pool check_connection
    pool = database["OPTIONS"]["pool"]
    assert pool["timeout"] <= 3
    assert pool["reconnect_timeout"] <= 3
    assert database["OPTIONS"]["connect_timeout"] <= 3


def test_default_database_is_sqlite_in_var_dir(tmp_path):
    env = {k: v for k, v in _env(tmp_path).items() if k != "DATABASE_URL"}
    databases = _settings("config.settings.dev", ["DATABASES"], env)["DATABASES"]
    assert databases["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert databases["default"]["NAME"] == str(tmp_path / "db.sqlite3")


def test_production_turns_on_https_only_settings(tmp_path):
    names = [
        "DEBUG", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_HTTPONLY",
        "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF", "EMAIL_BACKEND",
    ]  # fmt: skip
    env = _good_production(tmp_path, ALLOWED_HOSTS="cdht.example.vn, www.cdht.example.vn")
    values = _settings("config.settings.production", names, env)
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["cdht.example.vn", "www.cdht.example.vn"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert "locmem" not in values["EMAIL_BACKEND"] and "console" not in values["EMAIL_BACKEND"]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"DEBUG": "on"}, "DEBUG"),
        ({"DEBUG": "true"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "k7Pq" * 5}, "SECRET_KEY"),  # 20 characters
        ({"SECRET_KEY": "django-insecure-" + "k7Pq2mZx" * 8}, "SECRET_KEY"),
        ({"SECRET_KEY": "a" * 64}, "SECRET_KEY"),  # long but not random
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "cdht.example.vn,*"}, "ALLOWED_HOSTS"),
        ({"SITE_URL": ""}, "SITE_URL"),
        ({"SITE_URL": "cdht.example.vn"}, "SITE_URL"),  # no scheme
        ({"SITE_URL": "https://"}, "SITE_URL"),
        ({"SITE_URL": "https://cdht.example.vn/xac-minh"}, "SITE_URL"),  # a path breaks did:web
    ],
)
def test_production_refuses_insecure_configuration(tmp_path, overrides, reason):
    env = _good_production(tmp_path, **overrides)
    result = _run(["-c", "import config.settings.production"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert reason in result.stderr.splitlines()[-1]


def test_production_refuses_without_secret_key_in_the_environment(tmp_path):
    env = {k: v for k, v in _good_production(tmp_path).items() if k != "SECRET_KEY"}
    result = _run(["-c", "import config.settings.production"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_takes_the_site_address_from_site_url_only(tmp_path):
    env = _good_production(tmp_path, SITE_URL="https://cdht.example.vn/")
    values = _settings("config.settings.production", ["SITE_URL", "WAGTAILADMIN_BASE_URL"], env)
    assert values == {
        "SITE_URL": "https://cdht.example.vn",
        "WAGTAILADMIN_BASE_URL": "https://cdht.example.vn",
    }


def test_check_deploy_fails_without_site_url(tmp_path):
    """Without it the issuer would silently become did:web:127.0.0.1%3A8000."""
    env = _good_production(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.production")
    env.pop("SITE_URL")
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env, timeout=300)
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr and "127.0.0.1" not in result.stdout


def test_make_run_points_addresses_at_the_running_server(tmp_path):
    """`make run`/`make serve` export SITE_URL=http://HOST:PORT unless SITE_URL is set (here
    with a stand-in uvicorn that prints what it was given)."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    uvicorn = venv / "bin" / "uvicorn"
    uvicorn.write_text('#!/bin/sh\necho "SITE_URL=$SITE_URL"\n')
    uvicorn.chmod(0o755)

    def serve(*args, **env):
        result = subprocess.run(  # noqa: S603
            ["make", "-s", "serve", f"VENV={venv}", *args],  # noqa: S607
            cwd=ROOT,
            env={k: v for k, v in _env(tmp_path, **env).items() if k not in {"HOST", "PORT"}},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert serve("PORT=8123") == "SITE_URL=http://127.0.0.1:8123"
    assert serve("PORT=8123", "HOST=192.168.1.20") == "SITE_URL=http://192.168.1.20:8123"
    assert serve("PORT=8123", SITE_URL="https://cdht.example.vn") == (
        "SITE_URL=https://cdht.example.vn"
    )


def test_check_deploy_with_production_settings_has_no_warnings(tmp_path):
    env = _good_production(tmp_path, DJANGO_SETTINGS_MODULE="config.settings.production")
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output
