"""The Vietnamese catalogue of allauth's strings (locale/vi/LC_MESSAGES/django.po).

django-allauth ships no Vietnamese translation, so its account pages, messages, form errors and
emails would reach Vietnamese users in English. locale/vi holds Vietnamese for allauth's English
msgids (our own msgids are already Vietnamese and must not be in it). LOCALE_PATHS comes before
the app catalogues, so these entries win. Compile with ``manage.py i18n_compile``.
"""

import gettext as gnu_gettext
import io
import re
from pathlib import Path

import allauth
import django
import polib
import pytest
import wagtail
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from people.management.commands.i18n_compile import placeholder_errors
from tests.factories import PASSWORD, UserFactory

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
ALLAUTH_EN = Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Wagtail's and Django's English catalogues (the admin strings in locale/vi).
PACKAGE_CATALOGUES = [
    *Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"),
    *Path(django.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"),
]
# allauth's own sources whose strings the Vietnamese catalogue must cover.
ACCOUNT_SOURCES = ("account/", "templates/account/", "templates/allauth/")

PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifgeExXorcb]")
BRACES = re.compile(r"\{[A-Za-z_]\w*\}")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")
ATTRIBUTE = re.compile(r'\s[\w-]+="[^"]*"')


@pytest.fixture(scope="module")
def compiled():
    """Compile the catalogues once, then make Django forget catalogues it loaded before."""
    out = io.StringIO()
    call_command("i18n_compile", stdout=out)
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield out.getvalue()


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def allauth_english() -> polib.POFile:
    return polib.pofile(str(ALLAUTH_EN))


def _live(catalogue):
    return [entry for entry in catalogue if not entry.obsolete]


def _translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


# --- the catalogue itself -----------------------------------------------------------------------


def test_header_is_vietnamese_utf8_with_one_plural_form(catalogue):
    assert catalogue.metadata.get("Language") == "vi"
    assert "charset=UTF-8" in catalogue.metadata.get("Content-Type", "")
    assert catalogue.metadata.get("Plural-Forms") == "nplurals=1; plural=0;"
    assert not catalogue.metadata_is_fuzzy, "the header is marked fuzzy"


def test_catalogue_has_no_fuzzy_or_empty_entries(catalogue):
    entries = _live(catalogue)
    assert len(entries) > 150, "expected the whole of allauth's account app"
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    empty = [
        entry.msgid for entry in entries if any(not text.strip() for text in _translations(entry))
    ]
    # An English msgstr equal to the msgid means someone copied instead of translating.
    copied = [entry.msgid for entry in entries if entry.msgstr == entry.msgid]
    assert not fuzzy, f"fuzzy entries in {PO_PATH}: {fuzzy}"
    assert not empty, f"untranslated entries in {PO_PATH}: {empty}"
    assert not copied, f"entries left in English in {PO_PATH}: {copied}"


def test_plural_entries_have_only_msgstr_0(catalogue):
    for entry in _live(catalogue):
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0], entry.msgid


def test_translations_keep_the_placeholders_and_html(catalogue):
    assert placeholder_errors(catalogue) == []
    problems = []
    for entry in _live(catalogue):
        for text in _translations(entry):
            # Every %(name)s / %s and {name} of the msgid, no more and no fewer (even in entries
            # not flagged python-format: Django's templates fill them all the same).
            # With one plural form, msgstr[0] follows the plural msgid ("1 page" / "%(n)s pages").
            sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
            if sorted(PRINTF.findall(text)) not in [sorted(PRINTF.findall(s)) for s in sources]:
                problems.append(f"{entry.msgid!r}: %-placeholders differ")
            if sorted(BRACES.findall(text)) != sorted(BRACES.findall(entry.msgid)):
                problems.append(f"{entry.msgid!r}: {{}}-placeholders differ")
            if TAG.findall(text) != TAG.findall(entry.msgid):
                problems.append(f"{entry.msgid!r}: HTML tags differ")
            if sorted(ATTRIBUTE.findall(text)) != sorted(ATTRIBUTE.findall(entry.msgid)):
                problems.append(f"{entry.msgid!r}: HTML attributes differ")
    assert not problems, "\n".join(problems)


def test_only_msgids_of_the_packages(catalogue, allauth_english):
    """Our own msgids are Vietnamese already; the vi catalogue only translates the English
    strings of allauth, Wagtail and Django (the admin)."""
    known = {(entry.msgctxt, entry.msgid) for entry in allauth_english}
    for path in PACKAGE_CATALOGUES:
        known |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}
    foreign = [
        entry.msgid for entry in _live(catalogue) if (entry.msgctxt, entry.msgid) not in known
    ]
    assert not foreign, f"msgids that are not the packages': {foreign}"


def test_every_account_string_of_allauth_is_translated(catalogue, allauth_english):
    """After an allauth upgrade, new account strings show up here (translate them in locale/vi)."""
    ours = {(entry.msgctxt, entry.msgid) for entry in _live(catalogue)}
    missing = [
        entry.msgid
        for entry in allauth_english
        if any(path.startswith(ACCOUNT_SOURCES) for path, _line in entry.occurrences)
        and (entry.msgctxt, entry.msgid) not in ours
    ]
    assert not missing, f"allauth account strings missing from {PO_PATH}: {missing}"


# --- compiled and in use ------------------------------------------------------------------------


def test_i18n_compile_writes_the_vietnamese_catalogue(compiled):
    assert re.search(r"Compiled [2-9]\d* catalogue", compiled), compiled
    with MO_PATH.open("rb") as stream:
        vietnamese = gnu_gettext.GNUTranslations(stream)
    assert vietnamese.gettext("Password Reset") == "Đặt lại mật khẩu"


def test_gettext_gives_vietnamese_under_vi_and_english_under_en(compiled):
    with translation.override("vi"):
        assert translation.gettext("Password Reset") == "Đặt lại mật khẩu"
        assert translation.gettext("Sign Out") == "Đăng xuất"
        assert translation.gettext("Confirm Email Address") == "Xác nhận thư điện tử"
        signed_in = translation.gettext("Successfully signed in as %(name)s.")
        assert signed_in % {"name": "Nguyễn Văn A"} == "Đăng nhập thành công. Chào Nguyễn Văn A!"
        assert translation.pgettext("action", "Change Phone") == "Đổi số điện thoại"
        # our own Vietnamese msgids are untouched
        assert translation.gettext("Đăng nhập") == "Đăng nhập"
    with translation.override("en"):
        assert translation.gettext("Password Reset") == "Password Reset"
        assert translation.gettext("Sign Out") == "Sign Out"
        assert translation.gettext("Đăng nhập") == "Sign in"


def _heading_texts(html: str) -> list[str]:
    found = re.findall(r"<(h1|h2|title)[^>]*>(.*?)</\1>", html, flags=re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", text).strip() for _tag, text in found]


@pytest.mark.django_db
def test_password_reset_page_in_vietnamese(compiled, client):
    response = client.get(reverse("account_reset_password"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_reset_password") == "/tai-khoan/password/reset/"
    assert '<html lang="vi">' in html
    assert "<h1>Đặt lại mật khẩu</h1>" in re.sub(r"\s+(?=<)|(?<=>)\s+", "", html)
    assert "Gửi thư đặt lại mật khẩu" in html
    assert "Thư điện tử" in html
    headings = _heading_texts(html)
    assert any("Đặt lại mật khẩu" in text for text in headings), headings
    for english in (
        "Password Reset",
        "Reset My Password",
        "Forgotten your password",
        "Please contact us",
        "Email address",
    ):
        assert english not in html, english


@pytest.mark.django_db
def test_password_reset_page_in_english_with_the_language_cookie(compiled, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("account_reset_password")).content.decode()
    assert "Password Reset" in html
    assert "Đặt lại mật khẩu" not in html


@pytest.mark.django_db
def test_logout_page_in_vietnamese(compiled, client):
    client.force_login(UserFactory())
    response = client.get(reverse("account_logout"))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_logout") == "/tai-khoan/logout/"
    assert '<html lang="vi">' in html
    headings = _heading_texts(html)
    assert any(text == "Đăng xuất" for text in headings), headings
    assert "Bạn có chắc muốn đăng xuất?" in html
    for english in ("Sign Out", "Are you sure you want to sign out?"):
        assert english not in html, english


@pytest.mark.django_db
def test_signed_in_message_in_vietnamese(compiled, client):
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any(text.startswith("Đăng nhập thành công.") for text in shown), shown
    assert not any("Successfully signed in" in text for text in shown), shown
