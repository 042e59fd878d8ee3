"""Intake checks of courses.h5p.validation: real packages, and hostile archives built here."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.h5p.library_json import PLAYER, PLAYER_CORE_API
from courses.h5p.validation import (
    H5P_ALLOWED_EXTENSIONS,
    H5PValidationError,
    validate_package,
)
from tests.courses.h5p_helpers import (
    H5P_FIXTURES,
    ROOT,
    VALID_FIXTURES,
    fixture_bytes,
    fixture_entries,
    make_zip,
    minimal_package,
    needs_fixtures,
)

MB = 1024 * 1024


def refused(data) -> H5PValidationError:
    with pytest.raises(H5PValidationError) as caught:
        validate_package(data)
    return caught.value


def assert_load_order(info):
    seen = set()
    for library in info.libraries:
        for dependency in library.dependencies:
            assert dependency in seen, f"{library.key} loads before its dependency {dependency}"
        seen.add((library.machine_name, library.major, library.minor))


# --- real packages ------------------------------------------------------------------------------


@needs_fixtures
@pytest.mark.parametrize("name", VALID_FIXTURES)
def test_fixture_packages_are_accepted(name):
    info = validate_package(fixture_bytes(name))
    with zipfile.ZipFile(H5P_FIXTURES / name) as archive:
        h5p_json = json.loads(archive.read("h5p.json"))
    assert info.title == h5p_json["title"]
    assert info.main_library.machine_name == h5p_json["mainLibrary"]
    assert info.main_library in info.libraries
    assert "content.json" in info.content_files
    assert len(info.sha256) == 64 and info.size == (H5P_FIXTURES / name).stat().st_size
    assert_load_order(info)


@needs_fixtures
@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("broken-h5p-json.h5p", "invalid_h5p_json", "h5p.json không đúng định dạng JSON"),
        ("corrupt_archive.h5p", "not_zip", "không phải tệp nén"),
        ("missing-preloaded-js.h5p", "missing_preloaded_file", "greetingcard.js"),
    ],
)
def test_invalid_fixture_packages_are_refused_with_the_right_message(name, code, says):
    error = refused((H5P_FIXTURES / "invalid" / name).read_bytes())
    assert error.code == code
    assert says in error.message
    assert error.message.startswith("Tệp tải lên không phải gói H5P hợp lệ")


@needs_fixtures
def test_every_invalid_fixture_is_covered():
    assert {path.name for path in (H5P_FIXTURES / "invalid").glob("*.h5p")} == {
        "broken-h5p-json.h5p",
        "corrupt_archive.h5p",
        "missing-preloaded-js.h5p",
    }


# --- a generated package, so the rules are tested without the shared fixtures -----------------


def test_a_minimal_package_is_accepted_and_described():
    info = validate_package(make_zip(minimal_package()))
    assert info.title == "Xin chào"
    assert [library.key for library in info.libraries] == ["H5P.Shared-1.2.5", "H5P.Hello-1.0.3"]
    assert info.main_library.key == "H5P.Hello-1.0.3"
    assert info.main_library.preloaded_js == ("h5p-hello.js",)
    assert sorted(info.content_files) == ["content.json", "images/logo.svg"]
    assert info.file_count == 9  # folders are not counted


def test_file_objects_and_uploads_are_read_like_bytes():
    data = make_zip(minimal_package())
    upload = SimpleUploadedFile("bai.h5p", data, content_type="application/zip")
    assert validate_package(upload).sha256 == validate_package(io.BytesIO(data)).sha256


def test_os_junk_and_hidden_files_are_skipped_not_stored():
    entries = minimal_package() | {
        "__MACOSX/content/._logo.svg": b"\x00\x05\x16\x07",
        "content/.DS_Store": b"\x00\x00",
        "H5P_CONTENT_HERE.txt": "a note at the root",
    }
    info = validate_package(make_zip(entries))
    assert sorted(info.content_files) == ["content.json", "images/logo.svg"]


def test_allowed_extensions_are_h5p_cores_default_whitelist():
    core = (
        "json png jpg jpeg gif bmp tif tiff svg eot ttf woff woff2 otf webm mp4 ogg mp3 m4a wav"
        " txt pdf rtf doc docx xls xlsx ppt pptx odt ods odp xml csv diff patch swf md textile"
        " vtt webvtt"
    )
    assert H5P_ALLOWED_EXTENSIONS["content"] == set(core.split())
    assert H5P_ALLOWED_EXTENSIONS["library_extras"] == {"js", "css"}


# --- paths, links, file types -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["/etc/passwd.txt", "content/../../evil.json", "../evil.json", "C:/x/evil.json"]
)
def test_absolute_and_parent_paths(name):
    error = refused(make_zip(minimal_package() | {name: "{}"}))
    assert error.code == "unsafe_path"
    assert name in error.message


def test_symlink_entry():
    data = make_zip(minimal_package(), symlinks={"content/images/passwd.png": "/etc/passwd"})
    error = refused(data)
    assert error.code == "symlink"
    assert "content/images/passwd.png" in error.message


@pytest.mark.parametrize(
    "name",
    ["content/shell.php", "H5P.Hello-1.0/setup.exe", "content/page.html", "H5P.Hello-1.0/readme"],
)
def test_disallowed_extensions(name):
    error = refused(make_zip(minimal_package() | {name: "x"}))
    assert error.code == "bad_extension"
    assert name in error.message


def test_scripts_are_allowed_in_libraries_but_not_in_content():
    assert validate_package(make_zip(minimal_package() | {"H5P.Hello-1.0/more.js": "1"}))
    assert refused(make_zip(minimal_package() | {"content/more.js": "1"})).code == "bad_extension"


def test_hidden_files_with_a_disallowed_extension_are_refused():
    assert refused(make_zip(minimal_package() | {"content/.evil.php": "x"})).code == "bad_extension"


# --- h5p.json, libraries, content.json ------------------------------------------------------


def test_missing_h5p_json():
    entries = minimal_package()
    del entries["h5p.json"]
    error = refused(make_zip(entries))
    assert error.code == "missing_h5p_json"
    assert error.message == (
        "Tệp tải lên không phải gói H5P hợp lệ: thiếu tệp h5p.json. "
        "Hãy xuất lại gói từ công cụ soạn bài và thử lại."
    )


@pytest.mark.parametrize("key", ["title", "mainLibrary", "preloadedDependencies"])
def test_h5p_json_without_a_required_key(key):
    entries = minimal_package()
    h5p_json = json.loads(entries["h5p.json"])
    del h5p_json[key]
    entries["h5p.json"] = json.dumps(h5p_json)
    error = refused(make_zip(entries))
    assert error.code == "incomplete_h5p_json"
    assert f"thiếu mục “{key}”" in error.message


def test_main_library_not_among_the_dependencies():
    entries = minimal_package()
    h5p_json = json.loads(entries["h5p.json"])
    h5p_json["mainLibrary"] = "H5P.Other"
    entries["h5p.json"] = json.dumps(h5p_json)
    assert refused(make_zip(entries)).code == "invalid_h5p_json"


def test_missing_library_json():
    entries = minimal_package()
    del entries["H5P.Hello-1.0/library.json"]
    error = refused(make_zip(entries))
    assert error.code == "missing_library_json"
    assert "H5P.Hello-1.0" in error.message


def test_missing_required_library():
    entries = {k: v for k, v in minimal_package().items() if not k.startswith("H5P.Shared-")}
    error = refused(make_zip(entries))
    assert error.code == "missing_library"
    assert "H5P.Shared 1.2" in error.message


def test_missing_preloaded_js():
    entries = minimal_package()
    del entries["H5P.Shared-1.2/h5p-shared.js"]
    error = refused(make_zip(entries))
    assert error.code == "missing_preloaded_file"
    assert "h5p-shared.js" in error.message


def test_missing_preloaded_css():
    entries = minimal_package()
    del entries["H5P.Hello-1.0/style.css"]
    assert refused(make_zip(entries)).code == "missing_preloaded_file"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe", "[" * 60_000])
def test_invalid_content_json(content):
    entries = minimal_package()
    entries["content/content.json"] = content.encode("latin-1")
    error = refused(make_zip(entries))
    assert error.code == "invalid_content_json"
    assert "content/content.json" in error.message


def test_missing_content_json():
    entries = minimal_package()
    del entries["content/content.json"]
    assert refused(make_zip(entries)).code == "missing_content_json"


@needs_fixtures
def test_a_real_package_missing_a_library_is_refused():
    entries = {
        k: v
        for k, v in fixture_entries("truefalse-hello.h5p").items()
        if not k.startswith("H5P.JoubelUI-")
    }
    error = refused(make_zip(entries))
    assert error.code == "missing_library"
    assert "H5P.JoubelUI 1.3" in error.message


# --- SVG that carries script --------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    "body",
    [
        "<script>alert(document.cookie)</script>",
        '<rect width="5" height="5" onload="alert(1)"/>',
        '<a xlink:href=" java&#x09;script:alert(1)"><text>x</text></a>',
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
        '<set attributeName="onmouseover" to="alert(1)"/>',
    ],
)
def test_svg_with_script_is_refused(body):
    error = refused(make_zip(minimal_package() | {"content/images/bad.svg": SVG.format(body)}))
    assert error.code == "svg_script"
    assert "content/images/bad.svg" in error.message


def test_svg_with_onload_on_the_root_element_in_a_library_is_refused():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="fetch(\'/x\')"/>'
    assert refused(make_zip(minimal_package() | {"H5P.Hello-1.0/a.svg": svg})).code == "svg_script"


def test_svg_with_entity_expansion_is_refused():
    svg = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">'
        "<text>&b;</text></svg>"
    )
    assert refused(make_zip(minimal_package() | {"content/b.svg": svg})).code == "svg_script"


def test_unparsable_svg_with_script_is_still_refused():
    svg = "<svg><script>alert(1)</script><unclosed></svg>"
    assert refused(make_zip(minimal_package() | {"content/c.svg": svg})).code == "svg_script"


# --- library.json: required fields, core API, language files --------------------------------------


def _with_library_meta(change) -> dict:
    entries = minimal_package()
    meta = json.loads(entries["H5P.Shared-1.2/library.json"])
    change(meta)
    entries["H5P.Shared-1.2/library.json"] = json.dumps(meta)
    return entries


@pytest.mark.parametrize(
    "key", ["title", "machineName", "majorVersion", "minorVersion", "patchVersion", "runnable"]
)
def test_library_json_without_a_required_field(key):
    error = refused(make_zip(_with_library_meta(lambda meta: meta.pop(key))))
    assert error.code == "incomplete_library_json"
    assert f"H5P.Shared-1.2/library.json thiếu mục “{key}”" in error.message


@pytest.mark.parametrize(("key", "value"), [("title", "  "), ("runnable", "yes"), ("title", 3)])
def test_library_json_with_a_wrong_title_or_runnable(key, value):
    error = refused(make_zip(_with_library_meta(lambda meta: meta.update({key: value}))))
    assert error.code == "invalid_library_json"


def test_a_library_needing_a_newer_core_is_refused_with_what_to_update():
    entries = _with_library_meta(
        lambda meta: meta.update(coreApi={"majorVersion": 1, "minorVersion": 99})
    )
    error = refused(make_zip(entries))
    assert error.code == "core_api_too_new"
    assert "H5P.Shared 1.2.5" in error.message and "1.99" in error.message
    assert "cập nhật trình phát H5P" in error.message and "h5p-standalone" in error.message


@pytest.mark.parametrize("minor", [28, 0])
def test_a_library_needing_the_players_core_or_an_older_one_is_accepted(minor):
    core = {"majorVersion": 1, "minorVersion": minor}
    entries = _with_library_meta(lambda meta: meta.update(coreApi=core))
    assert validate_package(make_zip(entries)).title == "Xin chào"


def test_a_malformed_core_api_is_refused():
    entries = _with_library_meta(lambda meta: meta.update(coreApi={"majorVersion": "một"}))
    assert refused(make_zip(entries)).code == "invalid_library_json"


def test_the_player_core_api_is_named_for_the_pinned_player():
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["h5p-standalone"]
    assert f"h5p-standalone {pinned}" == PLAYER, "update PLAYER and PLAYER_CORE_API together"
    assert PLAYER_CORE_API == (1, 28)


def test_every_language_file_must_parse():
    entries = minimal_package() | {
        "H5P.Hello-1.0/language/vi.json": '{"semantics": []}',
        "H5P.Hello-1.0/language/en.json": '{"semantics": [',
    }
    error = refused(make_zip(entries))
    assert error.code == "invalid_language_json"
    assert "H5P.Hello-1.0/language/en.json" in error.message


def test_valid_language_files_are_accepted():
    entries = minimal_package() | {"H5P.Hello-1.0/language/vi.json": '{"semantics": []}'}
    assert validate_package(make_zip(entries)).main_library.key == "H5P.Hello-1.0.3"
