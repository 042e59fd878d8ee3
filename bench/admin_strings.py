"""Benchmark: English (untranslated) strings met in the Wagtail admin by each demo role.

Standalone: ``.venv/bin/python bench/admin_strings.py`` (``make bench`` runs it too); ``-v`` lists
every string with the screens it was met on. It compiles the catalogues (``i18n_compile``), makes
a temporary folder with a SQLite database (migrated, demo loaded), starts Uvicorn on 127.0.0.1
(development settings) and drives Debian's Chromium (``/usr/bin/chromium``, or ``CHROMIUM``)
through Playwright, headless. For each demo role (one login each) it signs in, opens the admin
home and then the screens that role reaches from it: every item of the admin menu, and from each
listing its first edit, create, history, usage and inspect screens; the page explorer, a page's
editor, the "add child page" chooser and a create form, page history, admin search, workflow
screens, reports and the account page (plus the landing page of roles without admin access).

On each screen it collects the text a person can meet there: text nodes (also those of closed
menus and dropdowns), ``title``, ``placeholder``, ``aria-label``, ``alt``, tooltip contents and
button values. A string counts as untranslated when

1. it equals (placeholders filled) an English msgid of Wagtail's, Django's, allauth's, taggit's
   or django-filter's catalogues that has English words — the page shows English whatever the
   catalogue says: missing or identical Vietnamese, or the string not translated at its source;
2. or it has an English word (a word of those msgids that is not a Vietnamese syllable of our own
   Vietnamese texts), e.g. "Choose chuyên mục tin";
3. or it has a word with Vietnamese letters that is not one Vietnamese syllable, e.g.
   "Phê chuẩnvà Xuất bản" (a missing space in Wagtail's own catalogue).

Names of products and standards (``ALLOWED``) are not counted. It prints the count per role and
screen, then every string found; goal 0 (it says met / NOT met and, like the other benchmarks,
exits 0 so ``make bench`` goes on). Nothing of yours is touched; the temporary folder is removed
at the end.
"""

import argparse
import glob
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from _server import HOST, dev_env, free_port, manage_run, server_start, server_stop

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(sys.executable)
SITE_PACKAGES = Path(
    next(path for path in sys.path if path.endswith("site-packages") and Path(path).is_dir())
)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
GOAL = 0

# The demo logins (people/demo.py), one per role that works in the admin or on officer pages.
ROLES = [
    ("biên tập viên", "bientap@demo.invalid"),
    ("giảng viên", "giangvien@demo.invalid"),
    ("cán bộ chi hội", "chihoi@demo.invalid"),
    ("cán bộ Hội Khuyến học xã", "hoixa@demo.invalid"),
    ("cán bộ UBND xã", "ubndxa@demo.invalid"),
    ("cán bộ thống kê thành phố", "thongke@demo.invalid"),
    ("quản trị hệ thống", "quantri@demo.invalid"),
]
# Catalogues whose English msgids the admin can show.
CATALOGUE_GLOBS = [
    "wagtail/**/locale/en/LC_MESSAGES/*.po",
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/*/locale/en/LC_MESSAGES/*.po",
    "allauth/locale/en/LC_MESSAGES/django.po",
    "taggit/locale/en/LC_MESSAGES/django.po",
    "django_filters/locale/en/LC_MESSAGES/django.po",
]
# Names, not English: products, standards, abbreviations used as such in Vietnamese.
ALLOWED = {
    "wagtail", "django", "h5p", "xapi", "api", "qr", "pdf", "csv", "excel", "xlsx", "url", "id",
    "cccd", "ubnd", "sms", "json", "html", "svg", "png", "jpg", "jpeg", "webp", "gif", "zip",
    "mp4", "youtube", "email", "ok", "did", "web", "utf", "ascii", "iso", "ui", "css", "js",
    "slug", "tiktok", "zalo", "facebook", "byte",
    "alt", "ctrl", "shift", "esc",  # key names, printed on the keys
    "english",  # the language's own name in the language choice (Tiếng Việt / English)
}  # fmt: skip
# Screens every admin user may open, besides those reached from the menu.
FIXED_SCREENS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/search/?q=c%C3%B4ng+d%C3%A2n",
    "/admin/account/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/page-types-usage/",
    "/admin/snippets/",
]
LINK_KINDS = ("edit/", "add/", "create/", "history/", "usage/", "inspect/", "new/")
MAX_SCREENS = 70  # per role

# --- what counts as English -----------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = "\u0300\u0301\u0303\u0309\u0323"
SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"[{VOWELS}]{{1,3}}(?:ch|ng|nh|[cmnpt])?"
)
MARKS = TONES + "\u0302\u0306\u031b"  # tones, circumflex, breve, horn


class _VietnameseLetter:
    """``search(word)``: has a Vietnamese letter (a mark of the alphabet, or đ)."""

    @staticmethod
    def search(word: str) -> bool:
        decomposed = unicodedata.normalize("NFD", word)
        return any(ch in MARKS or ch in "đĐ" for ch in decomposed)


VIETNAMESE_LETTER = _VietnameseLetter()
WORD = re.compile(r"[^\W\d_]+")
PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifgeExXorcb]|\{[A-Za-z_]\w*\}")
TAGS = re.compile(r"<[^>]+>")
DECORATION = re.compile(r"\s*\*$|\s+-\s+Wagtail$")
CODE = re.compile(r"\S*[/_@\\]\S*|\S*\w\.\w\S*")


def _plain(text: str) -> str:
    return " ".join(TAGS.sub(" ", text).replace("&nbsp;", " ").split())


def _is_syllable(word: str) -> bool:
    """One Vietnamese syllable: tone marks removed, the rest fits initial + vowels + final."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONES))
    return bool(SYLLABLE.fullmatch(bare))


class Catalogues:
    """English msgids (as patterns) and the vocabulary of English and of our Vietnamese."""

    def __init__(self):
        import polib

        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[str, re.Pattern, str]] = []
        english_words: set[str] = set()
        for pattern in CATALOGUE_GLOBS:
            for path in glob.glob(str(SITE_PACKAGES / pattern), recursive=True):
                for entry in polib.pofile(path):
                    for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                        self._add(_plain(msgid), msgid, english_words)
        vietnamese: set[str] = set()
        ours = [ROOT / "locale/en/LC_MESSAGES/django.po"]  # msgids: our Vietnamese
        for path in ours:
            for entry in polib.pofile(str(path)):
                vietnamese.update(word.lower() for word in WORD.findall(entry.msgid))
        for path in (ROOT / "locale/vi/LC_MESSAGES").glob("*.po"):
            for entry in polib.pofile(str(path)):
                texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
                for text in texts:
                    vietnamese.update(word.lower() for word in WORD.findall(text))
        vietnamese = {word for word in vietnamese if _is_syllable(word)}
        self.english = {
            word for word in english_words if len(word) > 1 and word not in vietnamese
        } - ALLOWED

    def _add(self, text: str, msgid: str, english_words: set[str]) -> None:
        words = [word.lower() for word in WORD.findall(PRINTF.sub(" ", text))]
        english_words.update(words)
        if not any(len(word) > 1 and word not in ALLOWED for word in words):
            return
        if not PRINTF.search(text):
            self.exact.setdefault(text.casefold(), msgid)
            return
        parts = PRINTF.split(text)
        literal = max(parts, key=len).strip()
        if len(literal) < 4:
            return  # "%(count)s items" style: too loose to match; the word check catches it
        regex = r"(?:.+?)".join(
            (r"\s+" if part[:1].isspace() else "")
            + r"\s+".join(map(re.escape, part.split()))
            + (r"\s+" if part[-1:].isspace() and part.strip() else "")
            for part in parts
        )
        self.patterns.append((literal.casefold(), re.compile(regex, re.I | re.S), msgid))

    def msgid_of(self, text: str) -> str | None:
        # Decorations the admin adds around a string: a required-field star, the window
        # title's product name.
        text = DECORATION.sub("", text)
        folded = text.casefold()
        if folded in self.exact:
            return self.exact[folded]
        for literal, regex, msgid in self.patterns:
            if literal in folded and regex.fullmatch(text):
                return msgid
        return None

    def problem(self, text: str) -> str | None:
        """Why ``text`` is not Vietnamese, or None."""
        msgid = self.msgid_of(text)
        if msgid is not None:
            return f"chuỗi gốc tiếng Anh: {msgid!r}"
        # Codes, addresses, file names and abbreviations (QĐ-UBND, UTC) are not words.
        words = WORD.findall(CODE.sub(" ", text))
        words = [w for w in words if sum(ch.isupper() for ch in w) < 2]
        english = [
            w for w in words if w.lower() in self.english and not VIETNAMESE_LETTER.search(w)
        ]
        if english:
            return "từ tiếng Anh: " + ", ".join(dict.fromkeys(english))
        # A word cut short with "…" by the admin's truncation is not a broken word.
        cut = {match[1] for match in re.finditer(r"(\w+)…", text)}
        broken = [
            w for w in words if VIETNAMESE_LETTER.search(w) and not _is_syllable(w) and w not in cut
        ]
        if broken:
            return "từ sai: " + ", ".join(dict.fromkeys(broken))
        return None


# --- the browser -----------------------------------------------------------------------------

COLLECT_JS = r"""
() => {
  const out = [];
  // Never shown: inline display:none (the date picker's unused "Save Selected") and Wagtail's
  // hidden side-panel counter, which holds Python's "None" until there is a count.
  const skip = 'script, style, noscript, template, textarea, svg defs, [contenteditable="true"],'
    + ' [style*="display: none"], [data-side-panel-toggle-counter][hidden]';
  // Long option lists are data (time zones, units), not interface text.
  const ok = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el || el.closest(skip)) return false;
    const select = el.closest('select');
    return !select || select.options.length <= 50;
  };
  const words = (el) => {
    const parts = [];
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) if (ok(w.currentNode)) parts.push(w.currentNode.nodeValue);
    return parts.join(' ');
  };
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) if (ok(walker.currentNode)) out.push(walker.currentNode.nodeValue);
  const attrs = ['title', 'placeholder', 'aria-label', 'alt', 'data-w-tooltip-content-value',
                 'aria-description'];
  const inline = new Set(['A', 'B', 'STRONG', 'EM', 'I', 'SPAN', 'CODE', 'ABBR', 'TIME', 'SMALL']);
  for (const el of document.querySelectorAll('body *')) {
    if (!ok(el)) continue;
    for (const name of attrs) { const v = el.getAttribute(name); if (v) out.push(v); }
    if (el.tagName === 'INPUT' && ['submit', 'button'].includes(el.type)) out.push(el.value);
    // A sentence split by inline elements ("Page <b>1</b> of 1"), read as one.
    const kids = [...el.children];
    const sentence = kids.length && kids.length <= 4;
    if (sentence && kids.every((kid) => inline.has(kid.tagName))) out.push(words(el));
  }
  return out;
}
"""

NUMBER = re.compile(r"/\d+/")


def _screen_name(url: str) -> str:
    parts = urlsplit(url)
    return NUMBER.sub("/<id>/", parts.path) + (f"?{parts.query}" if parts.query else "")


def _logins(var_dir: Path) -> dict[str, str]:
    rows = (var_dir / "demo-logins.txt").read_text().splitlines()
    return {row.split("\t")[2]: row.split("\t")[3] for row in rows if not row.startswith("#")}


def _links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    result = []
    for href in hrefs:
        url = urljoin(base, href)
        if urlsplit(url).netloc == urlsplit(base).netloc:
            result.append(url.split("#")[0])
    return result


def _menu_links(page, base: str) -> list[str]:
    """Every item of Wagtail's sidebar menu (its data is in the page as JSON)."""
    urls = page.evaluate(
        """() => {
        const el = document.querySelector('#wagtail-sidebar-props');
        if (!el) return [];
        const found = [];
        (function walk(value) {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') {
            if (typeof value.url === 'string') found.push(value.url);
            Object.values(value).forEach(walk);
          }
        })(JSON.parse(el.textContent));
        return found;
    }"""
    )
    return [urljoin(base, url) for url in urls if not url.startswith("http")]


def _visit(page, url: str, catalogues: Catalogues, found: dict, role: str) -> bool:
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status >= 400 or "/login/" in page.url:
        return False
    screen = _screen_name(page.url)
    texts = page.evaluate(COLLECT_JS)
    seen: set[str] = set()
    for raw in texts:
        text = " ".join(raw.split())
        if not text or text in seen or not WORD.search(text):
            continue
        seen.add(text)
        problem = catalogues.problem(text)
        if problem:
            found[role].setdefault(screen, {})[text] = problem
    found[role].setdefault(screen, {})
    return True


def _crawl(page, base: str, role: str, catalogues: Catalogues, found: dict) -> None:
    queue = [urljoin(base, path) for path in ("/admin/", *FIXED_SCREENS)]
    if page.url.startswith(base) and "/admin/" not in page.url:
        queue.insert(0, page.url)  # where the role lands after signing in
    visited_screens: set[str] = set()
    visited: set[str] = set()
    first = True
    while queue and len(visited_screens) < MAX_SCREENS:
        url = queue.pop(0)
        screen = _screen_name(url)
        if url in visited or screen in visited_screens or "logout" in url or "delete" in url:
            continue
        visited.add(url)
        if not _visit(page, url, catalogues, found, role):
            continue
        visited_screens.add(_screen_name(page.url))
        if first and "/admin/" in page.url:
            queue[:0] = _menu_links(page, base)
            first = False
        if "/admin/" not in page.url:
            continue
        for link in _links(page, base):
            path = urlsplit(link).path
            if not path.startswith("/admin/") or "delete" in path or "unpublish" in path:
                continue
            kinds = ("/pages/", *LINK_KINDS)
            if any(kind in path for kind in kinds) and _screen_name(link) not in visited_screens:
                queue.append(link)


def run(base: str, var_dir: Path, verbose: bool) -> int:
    from playwright.sync_api import sync_playwright

    catalogues = Catalogues()
    logins = _logins(var_dir)
    found: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            for role, email in ROLES:
                context = browser.new_context(viewport={"width": 1366, "height": 900})
                page = context.new_page()
                page.set_default_timeout(30000)
                page.goto(f"{base}/tai-khoan/login/", wait_until="networkidle")
                page.fill("input[name=login]", email)
                page.fill("input[name=password]", logins[email])
                page.click("form [type=submit]:visible")
                page.wait_for_load_state("networkidle")
                _crawl(page, base, role, catalogues, found)
                context.close()
        finally:
            browser.close()
    return _report(found, verbose)


def _report(found: dict, verbose: bool) -> int:
    distinct: dict[str, set[str]] = defaultdict(set)
    reasons: dict[str, str] = {}
    total_screens = 0
    print(f"{'vai trò / màn hình':<72}{'chuỗi':>6}")
    for role, screens in found.items():
        role_strings = {text for strings in screens.values() for text in strings}
        print(
            f"{role} ({len(screens)} màn hình){'':<{max(0, 56 - len(role))}}{len(role_strings):>6}"
        )
        total_screens += len(screens)
        for screen, strings in sorted(screens.items()):
            if strings or verbose:
                print(f"  {screen[:68]:<70}{len(strings):>6}")
            for text, reason in strings.items():
                distinct[text].add(f"{role}: {screen}")
                reasons[text] = reason
    summary = f"{len(distinct)} trên {total_screens} màn hình (mục tiêu {GOAL})"
    print(f"\nChuỗi chưa dịch khác nhau: {summary}.")
    for text in sorted(distinct, key=str.casefold):
        print(f"  {text!r}  — {reasons[text]}")
        if verbose:
            for where in sorted(distinct[text]):
                print(f"      {where}")
    print(f"Mục tiêu {GOAL}: {'met' if len(distinct) <= GOAL else 'NOT met'}.")
    return 0


# --- the site ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list screens per string")
    parser.add_argument("--var-dir", help="reuse this folder (migrated, demo loaded) and keep it")
    options = parser.parse_args()
    workdir = Path(options.var_dir or tempfile.mkdtemp(prefix="admin-strings-"))
    workdir.mkdir(parents=True, exist_ok=True)
    server = None
    try:
        env = dev_env(workdir)
        print("Preparing: i18n_compile, migrate, demo… ", end="", flush=True)
        manage_run(env, "i18n_compile")
        manage_run(env, "migrate", "--noinput")
        if not (workdir / "demo-logins.txt").exists():
            manage_run(env, "demo_load")
        print("done.")
        port = free_port()
        command = [
            str(PYTHON.parent / "uvicorn"), "config.asgi:application", "--host", HOST,
            "--port", str(port), "--lifespan", "off", "--no-access-log",
        ]  # fmt: skip
        server = server_start(command, env, workdir / "server.log", "/admin/login/")
        return run(f"http://{HOST}:{port}", workdir, options.verbose)
    finally:
        if server is not None:
            server_stop(server)
        if not options.var_dir:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
