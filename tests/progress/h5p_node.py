"""Run H5P libraries' own JavaScript in node, from the fixture packages, to compare grades.

``node_run(packages, files, script, cases)`` unzips the named libraries' files from the fixture
packages, loads ``files`` in order after a minimal H5P/jQuery stub (jQuery's deep ``$.extend``
copied faithfully, everything DOM-like a chain that does nothing, ``H5P.XAPIEvent`` recording what
the library puts in its statement), then runs ``script``, which reads ``cases`` (JSON on stdin)
and writes a JSON answer. The test skips, saying why, when node or the fixtures are missing.
"""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"
HUB = FIXTURES / "h5p-hub"
NO_FIXTURES = "../shared/fixtures is not present (a user's own clone)"
NO_NODE = "node is not installed: the libraries' own JavaScript can't be run"

PRELUDE = r"""
const fs = require('fs'), vm = require('vm');
const chain = new Proxy(function () {}, {
  get: (target, key) => key === 'length' ? 0 : key === Symbol.toPrimitive ? () => '' :
    key === 'then' ? undefined : chain,
  apply: () => chain, construct: () => chain,
});
const isPlain = o =>
  o !== null && typeof o === 'object' && Object.getPrototypeOf(o) === Object.prototype;
function extend() {  // jQuery 1.9's $.extend
  let options, name, src, copy, copyIsArray, clone;
  let target = arguments[0] || {}, i = 1, deep = false;
  const length = arguments.length;
  if (typeof target === 'boolean') { deep = target; target = arguments[1] || {}; i = 2; }
  if (typeof target !== 'object' && typeof target !== 'function') target = {};
  for (; i < length; i++) {
    if ((options = arguments[i]) != null) {
      for (name in options) {
        src = target[name]; copy = options[name];
        if (target === copy) continue;
        if (deep && copy && (isPlain(copy) || (copyIsArray = Array.isArray(copy)))) {
          if (copyIsArray) { copyIsArray = false; clone = src && Array.isArray(src) ? src : []; }
          else clone = src && isPlain(src) ? src : {};
          target[name] = extend(deep, clone, copy);
        } else if (copy !== undefined) target[name] = copy;
      }
    }
  }
  return target;
}
const $ = function () { return chain; };
Object.assign($, {extend, isArray: Array.isArray, each: (o, f) => {
  if (Array.isArray(o)) o.forEach((v, i) => f.call(v, i, v));
  else Object.keys(o).forEach(k => f.call(o[k], k, o[k]));
  return o; }, inArray: (v, a) => a.indexOf(v), isFunction: f => typeof f === 'function',
  grep: (a, f) => a.filter(f), map: (a, f) => a.map(f), trim: s => s.trim()});
function EventDispatcher() {}
EventDispatcher.prototype = {on() {}, off() {}, once() {}, trigger() {}, triggerXAPI() {},
  triggerXAPIScored() {}, createXAPIEventTemplate: () => new XAPIEvent()};
function XAPIEvent() { this.data = {statement: {}}; }
XAPIEvent.prototype = {setActor() {}, setVerb(v) { this.data.statement.verb = v; },
  setScoredResult(raw, max, instance, completion, success) {
    this.data.statement.result = {score: {raw, max}, completion, success}; },
  getVerifiedStatementValue(keys) { let v = this.data.statement;
    for (const k of keys) v = v && v[k]; return v; }, setObject() {}, setContext() {}};
function Question() { EventDispatcher.call(this); }
Question.prototype = Object.create(EventDispatcher.prototype);
global.window = global; global.document = chain; global.navigator = {userAgent: ''};
global.H5PIntegration = {contents: {'cid-1': {url: 'x'}}};
global.H5P = {jQuery: $, EventDispatcher, XAPIEvent, Question, JoubelUI: chain,
  Transition: chain, shuffleArray: a => a, trim: s => s.trim(), createTitle: s => s,
  getPath: p => p, t: () => '', isFramed: false};
const load = file => vm.runInThisContext(fs.readFileSync(process.argv[2] + '/' + file, 'utf8'),
  {filename: file});
for (const file of JSON.parse(process.argv[3])) load(file);
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const answer = value => process.stdout.write(JSON.stringify(value));
"""


def node_run(tmp_path: Path, *, package: str, files: list[str], script: str, cases):
    """``script``'s answer (it calls ``answer(value)``) for ``cases``, running ``files`` from
    the hub fixture ``package`` (e.g. "H5P.CoursePresentation")."""
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    node = shutil.which("node")
    if node is None:
        pytest.skip(NO_NODE)
    folders = {file.split("/", 1)[0] + "/" for file in files}
    with zipfile.ZipFile(HUB / f"{package}.h5p") as archive:
        for name in archive.namelist():
            if name.startswith(tuple(folders)) and name.endswith(".js"):
                archive.extract(name, tmp_path)
    (tmp_path / "harness.js").write_text(PRELUDE + script)
    command = [node, str(tmp_path / "harness.js"), str(tmp_path), json.dumps(files)]
    result = subprocess.run(  # noqa: S603 - our own script, on data made here
        command, input=json.dumps(cases).encode(), capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return json.loads(result.stdout)


def hub_content(package: str) -> dict:
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    with zipfile.ZipFile(HUB / f"{package}.h5p") as archive:
        return json.loads(archive.read("content/content.json"))


# What question types load before their own scripts in ``browser_run``: H5P.JoubelUI 1.3 (score
# bars, buttons, tips) and H5P.Transition 1.0, as the packages bundle them.
JOUBEL_UI = [
    f"H5P.JoubelUI-1.3/js/joubel-{name}.js"
    for name in ("ui", "score-bar", "progressbar", "tip", "simple-rounded-button",
                 "speech-bubble", "throbber", "help-dialog", "message-dialog",
                 "progress-circle", "slider")
] + ["H5P.Transition-1.0/transition.js"]  # fmt: skip

FRAME_JS = Path(__file__).resolve().parents[2] / "courses/static/courses/h5p-frame.js"
H5P_CORE = Path(__file__).resolve().parents[2] / "node_modules/h5p-standalone/dist/frame.bundle.js"


def browser_run(
    tmp_path: Path, *, package: str, files: list[str], script: str, cases, styles=(), frame=False
):
    """Like ``node_run``, for libraries that need a DOM: in headless Chromium, after H5P's own
    core and jQuery (h5p-standalone's frame bundle), ``script`` is the body of a function of
    ``cases`` returning the answer. ``styles``: the package's CSS files to apply; ``frame``:
    also load our player frame's script (its ``cdhtAnswers``)."""
    import os

    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    if not os.path.exists(chromium) or not H5P_CORE.exists():
        pytest.skip("Debian's chromium or node_modules/h5p-standalone is missing")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with zipfile.ZipFile(HUB / f"{package}.h5p") as archive:
        sources = [archive.read(file).decode() for file in files]
        css = [archive.read(file).decode() for file in styles]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.set_content("<html><body></body></html>")
            page.add_script_tag(path=str(H5P_CORE))
            page.evaluate(
                "() => { H5P.Question = function () { H5P.EventDispatcher.call(this); };"
                " H5P.Question.prototype = Object.create(H5P.EventDispatcher.prototype); }"
            )
            for source in sources:
                page.add_script_tag(content=source)
            for source in css:
                page.add_style_tag(content=source)
            if frame:
                page.add_script_tag(path=str(FRAME_JS))
            return page.evaluate(f"(cases) => {{ {script} }}", cases)
        finally:
            browser.close()
