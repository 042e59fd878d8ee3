"""The English catalogue (locale/en/LC_MESSAGES/django.po).

Source strings are Vietnamese, so Vietnamese is always complete; English must be complete too,
compile without GNU gettext (``manage.py i18n_compile``), reach the pages through the language
cookie, and stay in step with the code: every string marked for translation needs an entry.

When ``test_every_marked_string_is_in_the_catalogue`` fails, refresh and translate:
``make messages`` (makemessages -l en with the project's ignores), fill the new msgstr, run
``manage.py i18n_compile``.
"""

import ast
import gettext as gnu_gettext
import io
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from people.management.commands.i18n_compile import placeholder_errors

ROOT = Path(settings.BASE_DIR)
LOCALE_DIR = ROOT / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"
# Folders makemessages reads for us (it also walks the root; tests/, .venv/, var/ are ignored).
SOURCE_DIRS = (
    "people",
    "cms",
    "courses",
    "progress",
    "certificates",
    "cohorts",
    "programme",
    "offline",
    "site",
)


@pytest.fixture(scope="module")
def compiled():
    """Compile the catalogues once, then make Django forget catalogues it loaded before."""
    out = io.StringIO()
    call_command("i18n_compile", stdout=out)
    # Changing LOCALE_PATHS (even to the same value) clears Django's translation caches.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield out.getvalue()


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


# --- the catalogue itself -----------------------------------------------------------------------


def test_catalogue_has_no_fuzzy_or_empty_entries(catalogue):
    assert catalogue.metadata.get("Language") == "en"
    assert not catalogue.metadata_is_fuzzy, "the header is marked fuzzy"
    fuzzy = [entry.msgid for entry in catalogue if entry.fuzzy and not entry.obsolete]
    empty = [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete
        and (
            any(not text.strip() for text in entry.msgstr_plural.values())
            if entry.msgid_plural
            else not entry.msgstr.strip()
        )
    ]
    assert not fuzzy, f"fuzzy entries in {PO_PATH}: {fuzzy}"
    assert not empty, f"untranslated entries in {PO_PATH}: {empty}"


def test_plural_entries_have_both_english_forms(catalogue):
    plurals = [entry for entry in catalogue if entry.msgid_plural and not entry.obsolete]
    assert plurals, "expected at least one plural entry (people_list.html counts people)"
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid


def test_translations_keep_the_placeholders(catalogue):
    assert placeholder_errors(catalogue) == []


# --- compiling ----------------------------------------------------------------------------------


def test_i18n_compile_writes_a_catalogue_gettext_can_read(compiled):
    assert re.search(r"Compiled [1-9]\d* catalogue", compiled), compiled
    with MO_PATH.open("rb") as stream:
        english = gnu_gettext.GNUTranslations(stream)
    assert english.gettext("Đăng nhập") == "Sign in"
    assert english.ngettext("%(counter)s người", "%(counter)s người", 1) == "%(counter)s person"
    assert english.ngettext("%(counter)s người", "%(counter)s người", 3) == "%(counter)s people"


def test_i18n_compile_is_idempotent(compiled):
    before = MO_PATH.read_bytes()
    out = io.StringIO()
    call_command("i18n_compile", stdout=out)
    assert "0 written" in out.getvalue()
    assert MO_PATH.read_bytes() == before


# --- the catalogue in use -----------------------------------------------------------------------


def test_activating_english_translates_code_strings(compiled):
    with translation.override("en"):
        assert translation.gettext("Đăng nhập") == "Sign in"
        assert str(settings.PROGRAMME_NAME) == "Learning Citizen"
        assert translation.ngettext("%(counter)s người", "%(counter)s người", 2) == (
            "%(counter)s people"
        )
    with translation.override("vi"):
        assert translation.gettext("Đăng nhập") == "Đăng nhập"
        assert str(settings.PROGRAMME_NAME) == "Công dân học tập"


@pytest.mark.django_db
def test_login_page_in_english_with_the_language_cookie(compiled, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Create an account" in html
    assert "Đăng nhập" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", [None, "vi"], ids=["no-cookie", "cookie-vi"])
def test_login_page_in_vietnamese_by_default_and_with_the_cookie(compiled, client, cookie):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Sign in" not in html


# --- the catalogue against the source -----------------------------------------------------------

# xgettext's Python keywords plus the ones Django's makemessages adds, with the positions of
# (context, singular, plural) among the arguments.
PYTHON_KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
# What django.utils.translation.template.templatize leaves for xgettext: gettext('…'),
# ngettext('…', '…', count), pgettext('ctx', '…'), npgettext(…) and _("…") in filter arguments.
_STRING = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATE_CALL = re.compile(
    rf"\b(_|gettext|ngettext|pgettext|npgettext)\(\s*({_STRING})"
    rf"(?:\s*,\s*({_STRING}))?(?:\s*,\s*({_STRING}))?"
)


def _source_files(suffixes):
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            parts = path.relative_to(ROOT).parts
            if path.suffix in suffixes and not any(
                part.startswith(".") or part == "__pycache__" for part in parts
            ):
                yield path


def _python_messages(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    # xgettext does not look inside f-strings: f"{_('…')}" is never extracted.
    in_fstring = {
        id(inner)
        for outer in ast.walk(tree)
        if isinstance(outer, ast.JoinedStr)
        for inner in ast.walk(outer)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in PYTHON_KEYWORDS:
            continue
        positions = PYTHON_KEYWORDS[name]
        values = []
        for position in positions:
            if position is None:
                values.append(None)
                continue
            argument = node.args[position] if position < len(node.args) else None
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                break  # not a literal: xgettext cannot extract it either
            values.append(argument.value)
        else:
            context, singular, plural = values
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if id(node) in in_fstring:
                where += " (inside an f-string, which makemessages cannot read: call _() outside)"
            if singular:
                yield where, context, singular, plural


def _template_messages(path: Path):
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for match in TEMPLATE_CALL.finditer(text):
        name, *literals = match.groups()
        strings = [ast.literal_eval(literal) for literal in literals if literal]
        context = strings.pop(0) if name in {"pgettext", "npgettext"} else None
        singular = strings[0] if strings else ""
        plural = strings[1] if name in {"ngettext", "npgettext"} and len(strings) > 1 else None
        line = text.count("\n", 0, match.start()) + 1
        if singular:
            yield f"{path.relative_to(ROOT)}:{line}", context, singular, plural


def test_every_marked_string_is_in_the_catalogue(catalogue):
    known = {
        (entry.msgctxt, entry.msgid): entry.msgid_plural or None
        for entry in catalogue
        if not entry.obsolete
    }
    found = [
        *(m for path in _source_files({".py"}) for m in _python_messages(path)),
        *(m for path in _source_files({".html", ".txt"}) for m in _template_messages(path)),
    ]
    assert len(found) > 100, "the scan found suspiciously few strings; is it still working?"
    missing = []
    for where, context, singular, plural in found:
        if (context, singular) not in known:
            missing.append(f"{where}: {singular!r}")
        elif plural and known[(context, singular)] != plural:
            missing.append(f"{where}: plural {plural!r} of {singular!r}")
    assert not missing, (
        "strings marked for translation but missing from locale/en (run `make messages`, "
        "translate, `manage.py i18n_compile`):\n" + "\n".join(missing)
    )
