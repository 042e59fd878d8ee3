"""Server-side re-checking of H5P results (progress.checking) compared with the libraries' own
JavaScript (Blanks, Cloze, DragText, from the fixture packages) where node is installed."""

import json
import random
import shutil
import subprocess
import zipfile

import pytest

from progress.checking.base import js_trim
from progress.checking.libraries import _blanks_solutions, _cloze_correct, _dragtext_solutions
from tests.progress.checking_helpers import FIXTURES, H5P_FIXTURES, NO_FIXTURES

# --- The libraries' own JavaScript, run by node ------------------------------------------------

HARNESS = r"""
const fs = require('fs'), vm = require('vm'), dir = process.argv[2] + '/';
const run = file => vm.runInThisContext(fs.readFileSync(dir + file, 'utf8'));
const stub = () => function () {};  // constructors (a method shorthand has no prototype)
global.H5P = {trim: v => v.replace(/^\s+|\s+$/g, ''), jQuery: stub(), Question: stub(),
  ConfirmationDialog: stub(), EventDispatcher: stub(), Blanks: stub()};
run('H5P.TextUtilities-1.3/scripts/text-utilities.js');
run('H5P.Blanks-1.12/js/cloze.js');
run('H5P.DragText-1.8/dist/h5p-drag-text.js');
const blanks = fs.readFileSync(dir + 'H5P.Blanks-1.12/js/blanks.js', 'utf8');
const method = name => eval('(' + blanks.match(new RegExp(
  'Blanks\\.prototype\\.' + name + ' = (function[\\s\\S]*?\\n  \\});'))[1] + ')');
const self = {parseSolution: method('parseSolution')}, handleBlanks = method('handleBlanks');
global.document = {createElement: () => ({set innerHTML(v) { this.value = v; }})};
const input = v => {  // the jQuery input a Cloze reads its value from
  const f = {val: () => v};
  for (const m of ['parent', 'attr', 'blur', 'keyup']) f[m] = () => f;
  return f;
};
const dragText = H5P.DragText.prototype;
process.stdout.write(JSON.stringify(JSON.parse(fs.readFileSync(0, 'utf8')).map(c => {
  if (c.kind === 'blanks') {
    const found = [];
    handleBlanks.call(self, c.text, s => { found.push(s.solutions); return '<input>'; });
    return found;
  }
  if (c.kind === 'dragtext') return dragText.getSolutionsFromQuestion.call(
    {isAnswerPart: dragText.isAnswerPart}, c.text.replace(/(\r\n|\n|\r)/gm, '<br/>'));
  const cloze = new H5P.Blanks.Cloze({solutions: c.solutions}, c.behaviour, null, {inputLabel: ''});
  cloze.setInput(input(c.answer));
  return cloze.correct();
})));
"""


def test_parsing_and_comparing_agree_with_the_libraries_javascript(tmp_path):
    """Blanks' handleBlanks/parseSolution and Cloze correct() (with TextUtilities' distance) and
    DragText's parseText/lex, run from the packages, on random texts with the markers."""
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    with zipfile.ZipFile(H5P_FIXTURES / "questionset.h5p") as archive:
        for name in archive.namelist():
            if name.startswith(("H5P.TextUtilities-1.3/", "H5P.Blanks-1.12/", "H5P.DragText-1.8/")):
                archive.extract(name, tmp_path)
    (tmp_path / "harness.js").write_text(HARNESS)
    rng = random.Random(20261127)
    alphabet = [*"**::// \n\r\\+-abAéİßΣ\u00a0\u2028😀\ufeff\x85K\u212a"]

    def text(size):
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, size)))

    cases = []
    for _ in range(600):
        cases.append({"kind": "blanks", "text": text(30)})
        cases.append({"kind": "dragtext", "text": text(40)})
        solutions = [text(10) for _ in range(rng.randint(1, 3))]
        near = rng.choice(solutions)
        at = rng.randint(0, len(near))
        edited = near[:at] + rng.choice(["", "a", "A"]) + near[at + 1 :]
        behaviour = {
            "caseSensitive": rng.choice([True, False]),
            "acceptSpellingErrors": rng.choice([True, False]),
        }
        cases.append(
            {
                "kind": "cloze",
                "solutions": solutions,
                "answer": edited if rng.random() < 0.6 else text(10),
                "behaviour": behaviour,
            }
        )
    command = [shutil.which("node"), str(tmp_path / "harness.js"), str(tmp_path)]
    result = subprocess.run(  # noqa: S603 - our own script, on data made here
        command, input=json.dumps(cases).encode(), capture_output=True, check=True, timeout=120
    )
    expected = json.loads(result.stdout)
    for case, js in zip(cases, expected, strict=True):
        if case["kind"] == "blanks":
            assert _blanks_solutions([case["text"]]) == js, case
        elif case["kind"] == "dragtext":
            assert "[,]".join(_dragtext_solutions(case["text"])) == js, case
        else:
            answer = js_trim(case["answer"])  # Cloze getUserAnswer(): H5P.trim(input value)
            assert _cloze_correct(answer, case["solutions"], case["behaviour"]) == js, case
    assert sum(js is True for js in expected) > 50  # the comparison saw right answers too
