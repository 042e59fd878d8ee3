"""Compile every gettext catalogue (.po) under LOCALE_PATHS into .mo files, with polib.

Django's ``compilemessages`` shells out to GNU gettext's ``msgfmt``, which a fresh machine may
not have; polib is pure Python and in requirements.txt. Like ``msgfmt`` this leaves out fuzzy and
untranslated entries (the Vietnamese msgid is then shown, which is always complete).

Idempotent: a .mo file is only rewritten when its bytes would change, and each write is atomic
(a temporary file renamed into place), so parallel test workers never read half a file.
A translation whose placeholders differ from its msgid stops the command (like ``msgfmt --check``),
because at run time it would raise KeyError in the middle of a page: ``%(name)s`` in
python-format entries (where a literal percent sign must be written ``%%``), and ``{name}``
wherever the msgid has them (strings the page scripts fill in).
"""

import os
import re
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# printf-style placeholders as Python uses them: %(name)s, %s, %d … ("%%" is a literal percent).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifgeExXorcb%]")
BRACE_PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(match for match in PLACEHOLDER.findall(text) if match != "%%")


def _entry_errors(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        sources = [entry.msgid, entry.msgid_plural]
        translations = list(entry.msgstr_plural.values())
    else:
        sources, translations = [entry.msgid], [entry.msgstr]
    problems = []
    for text in translations:
        if "python-format" in entry.flags:
            found = _placeholders(text)
            allowed = [_placeholders(source) for source in sources]
            # A plural form may drop the count ("one person"), but never add or rename one.
            dropped_only = bool(entry.msgid_plural) and set(found) < set(allowed[0])
            if found not in allowed and not dropped_only:
                problems.append(f"%-placeholders {found} instead of {allowed[0]}")
            if "%" in PLACEHOLDER.sub("", text):
                problems.append("a lone % (write %% for a percent sign)")
        expected_braces = sorted(BRACE_PLACEHOLDER.findall(sources[0]))
        if expected_braces and sorted(BRACE_PLACEHOLDER.findall(text)) != expected_braces:
            problems.append(f"{{}}-placeholders differ from {expected_braces}")
    return problems


def placeholder_errors(po: polib.POFile) -> list[str]:
    """Translated entries whose placeholders do not match their msgid, one line each."""
    return [
        f"line {entry.linenum}: {entry.msgid!r}: {problem}"
        for entry in po.translated_entries()
        for problem in _entry_errors(entry)
    ]


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


class Command(BaseCommand):
    help = "Compile every .po catalogue under LOCALE_PATHS into .mo with polib (no msgfmt needed)."

    def handle(self, *args, **options):
        catalogues = sorted(
            {po_path for base in settings.LOCALE_PATHS for po_path in Path(base).rglob("*.po")}
        )
        written = 0
        problems = []
        for po_path in catalogues:
            po = polib.pofile(str(po_path))
            errors = placeholder_errors(po)
            if errors:
                problems.extend(f"{po_path}: {error}" for error in errors)
                continue
            if _write_if_changed(po_path.with_suffix(".mo"), po.to_binary()):
                written += 1
            if options["verbosity"] >= 2:
                self.stdout.write(
                    f"{po_path}: {len(po.translated_entries())} translated, "
                    f"{len(po.untranslated_entries())} untranslated, "
                    f"{len(po.fuzzy_entries())} fuzzy"
                )
        if problems:
            raise CommandError(
                "Translations whose placeholders do not match the source:\n" + "\n".join(problems)
            )
        self.stdout.write(
            f"Compiled {len(catalogues)} catalogue(s) "
            f"({written} written, {len(catalogues) - written} already up to date)."
        )
