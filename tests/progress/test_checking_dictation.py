"""H5P.Dictation graded from what the learner typed in each sentence, which our player frame adds
(the library's own response holds only the words it matched, with no sentence boundaries).

No fixture package holds a Dictation, so the cases are content written here, in Vietnamese. The
expectations below are worked out by hand from the library's source (1.3.9: h5p-dictation.js,
h5p-dictation-sentence.js); when the library's source is at hand (``DICTATION_REPO``, a git
clone of github.com/h5p/h5p-dictation or its upstream otacke/h5p-dictation, never committed
here), the same cases and a few hundred generated ones are also run through the library's own
classes in node, with our frame's ``cdhtAnswers`` reading the instance, and compared."""

import json
import os
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from progress.checking import h5p_result_check
from progress.checking.dictation import check_dictation
from progress.checking.explain import h5p_check_explanation
from progress.checking.pointing import ANSWER_EXTENSION
from tests.progress.h5p_node import FIXTURES, NO_FIXTURES, NO_NODE

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
DICTATION_REPO = Path(
    os.environ.get("DICTATION_REPO", "/work/.mirror/otacke+h5p-dictation/repo")
)  # a git directory (bare or not)
DICTATION_VERSIONS = ("1.3.9", "1.4.1")  # 1.3 is what we serve; 1.4 scores alike
FRAME_JS = Path(__file__).resolve().parents[2] / "courses/static/courses/h5p-frame.js"


def content(*texts, **behaviour):
    scoring = {k: behaviour.pop(k) for k in list(behaviour) if k in ("typoFactor",
               "ignorePunctuation", "zeroMistakeMode")}  # fmt: skip
    params = {"sentences": [{"text": text, "sample": [{"path": "a.mp3"}]} for text in texts]}
    if scoring or behaviour:
        params["behaviour"] = {"scoring": scoring, "textual": behaviour}
    return params


def score(params, *typed):
    result = check_dictation(params, json.dumps(list(typed), ensure_ascii=False))
    return None if result is None else (result.raw, result.max, result.success)


SENTENCE = "Hôm nay, trời Hà Nội rất đẹp."  # 7 words (punctuation ignored by default)

# (params, typed per sentence, (score, maximum, passed)) - each worked out from the source:
# maximum = the solution's words (addSpaces() makes punctuation words of its own, but by default
# ignorePunctuation strips it first); score = maximum - (added + missing + wrong + typo * factor),
# capped at 0, rounded; a typo is areSimilar(): Damerau-Levenshtein 1 when both words are longer
# than 3 characters, 2 when longer than 9 - so a shorter word with one wrong letter is wrong.
CASES = [
    (content(SENTENCE), [SENTENCE], (7, 7, True)),
    (content(SENTENCE), ["Hôm nay trời Hà Nội rất đẹp"], (7, 7, True)),  # punctuation ignored
    (content(SENTENCE), ["hôm nay trời Hà Nội rất đẹp"], (6, 7, False)),  # "hôm": 3 letters
    (content(SENTENCE), ["Hôm nay trời Hà Nội rất đep"], (6, 7, False)),  # 3 letters: wrong
    (content(SENTENCE), ["Hôm nay trời Hà Nọi rất đẹp"], (6, 7, False)),  # "Nọi": wrong
    (content("Chúng tôi học tập suốt đời"), ["Chúng tôi học tập suot đời"], (5, 6, False)),
    (content("Thành phố Hồ Chí Minh"), ["Thanh phố Hồ Chí Minh"], (4, 5, False)),  # a typo
    (content("Thành phố Hồ Chí Minh", typoFactor="50"), ["Thanh phố Hồ Chí Minh"], (5, 5, False)),
    (content("Thành phố Hồ Chí Minh", typoFactor="0"), ["Thanh phố Hồ Chí Minh"], (5, 5, True)),
    (content(SENTENCE), [""], (0, 7, False)),
    (content(SENTENCE), ["Hôm nay trời Hà Nội"], (5, 7, False)),  # two missing
    (content(SENTENCE), ["Hôm nay trời ở Hà Nội rất là đẹp"], (5, 7, False)),  # two added
    (content(SENTENCE), ["Hôm nay trời Hà Nội rất đẹp đẹp đẹp đẹp đẹp đẹp đẹp đẹp"], (0, 7, False)),
    # punctuation counts when not ignored: "Hôm nay , trời Hà Nội rất đẹp ." is 9 words
    (content(SENTENCE, ignorePunctuation=False), [SENTENCE], (9, 9, True)),
    (content(SENTENCE, ignorePunctuation=False), ["Hôm nay trời Hà Nội rất đẹp"], (7, 9, False)),
    # alternatives: "hai|2" accepts either
    (content("Tôi có hai|2 con mèo"), ["Tôi có 2 con mèo"], (5, 5, True)),
    (content("Tôi có hai|2 con mèo"), ["Tôi có hai con mèo"], (5, 5, True)),
    (content("Tôi có hai|2 con mèo"), ["Tôi có ba con mèo"], (4, 5, False)),
    # zero mistake mode: matches + typo * (1 - factor), rounded
    (
        content("Thành phố Hồ Chí Minh", zeroMistakeMode=True, typoFactor="50"),
        ["Thanh phố Hồ Chí"],
        (4, 5, False),
    ),
    # two sentences add up; full-width characters count as their ASCII form
    (content("Xin chào.", "Cảm ơn bạn!"), ["Xin chào", "Cảm ơn bạn"], (5, 5, True)),
    (content("Số 123 nhé"), ["Số １２３ nhé"], (3, 3, True)),
    # HTML entities in the solution are decoded
    (content("Tom &amp; Jerry"), ["Tom & Jerry"], (3, 3, True)),
]


@pytest.mark.parametrize(("params", "typed", "expected"), CASES)
def test_each_sentence_is_graded_as_the_library_does(params, typed, expected):
    assert score(params, *typed) == expected


def test_sentences_without_a_sample_are_dropped_as_the_library_does():
    params = content("Một hai ba", "Bốn năm")
    del params["sentences"][1]["sample"]
    assert score(params, "Một hai ba") == (3, 3, True)
    assert score(params, "Một hai ba", "Bốn năm") == (0, 3, False)  # not the frame's answer


def test_an_unreadable_answer_scores_nothing_and_none_is_left_empty():
    params = content(SENTENCE)
    for answer in ("không phải json", "[1]", '{"a": 1}', json.dumps(["a", "b"])):
        assert check_dictation(params, answer) == check_dictation(params, None)
    assert check_dictation(params, None).raw == 0


def test_configurations_we_cannot_reproduce_are_not_checked_and_editors_are_told():
    for params in (
        content(SENTENCE, wordSeparator="-"),
        content("Có <b>thẻ</b> HTML"),
        content(SENTENCE, typoFactor="không"),
    ):
        assert check_dictation(params, json.dumps([SENTENCE])) is None
        assert "Nghe viết" in h5p_check_explanation(
            main_library="H5P.Dictation 1.3", content_json=params
        )
    assert (
        h5p_check_explanation(main_library="H5P.Dictation 1.3", content_json=content(SENTENCE))
        is None
    )


def test_the_statement_is_graded_from_the_frames_answer_not_the_librarys_response():
    params = content(SENTENCE)

    def graded(result):
        statement = {"verb": {"id": ANSWERED}, "object": {"id": "x"}, "result": result}
        return h5p_result_check(
            content_json=params, main_library="H5P.Dictation 1.3", statement=statement
        )

    # the library's own response: matched words, no sentence boundaries - not used
    assert graded({"response": "Hôm[,]nay", "score": {"raw": 7, "max": 7}}) is None
    typed = json.dumps(["Hôm nay trời Hà Nội"], ensure_ascii=False)
    result = graded({"response": "x", "extensions": {ANSWER_EXTENSION: typed}})
    assert (result.raw, result.max, result.success) == (5, 7, False)


# --- Against the library's own JavaScript ------------------------------------------------------

# The library's ES modules with their imports dropped (buttons and the solution view are inert
# stubs, no DOM is needed to score), H5P.TextUtilities 1.3 from a fixture package, our frame's
# cdhtAnswers; for each case a Dictation instance, each sentence's input field given the typed
# text, the frame's answer read from the instance, then the library's showEvaluation().
HARNESS = r"""
const fs = require('fs'), vm = require('vm');
const dir = process.argv[2];
global.chain = new Proxy(function () {}, {
  get: (t, k) => k === 'length' ? 0 : k === Symbol.toPrimitive ? () => '' :
    k === 'then' ? undefined : chain,
  apply: () => chain, construct: () => chain,
});
global.window = global; global.navigator = {userAgent: ''};
global.document = {getElementById: () => null};
vm.runInThisContext(fs.readFileSync(dir + '/h5p-frame.js', 'utf8'));
global.document = chain;
global.DOMParser = class {  // entities only: the cases hold no tags
  parseFromString(s) { return {documentElement: {textContent: s.replace(/&amp;/g, '&')}}; } };
class Question {}
Object.assign(Question.prototype, {on() {}, off() {}, trigger() {}, hideButton() {},
  showButton() {}, setFeedback() {}, addButton() {}});
Question.determineOverallFeedback = () => '';
global.H5P = {Question, jQuery: chain, EventDispatcher: function () {}};
const src = f => fs.readFileSync(dir + '/' + f, 'utf8')
  .replace(/^import .*$/mg, '').replace(/^export default .*$/mg, '');
vm.runInThisContext(src('text-utilities.js'));
vm.runInThisContext('function Button() { return chain; }\nfunction Solution() { return chain; }\n' +
  src('util.js') + '\n' + src('sentence.js') + '\n' + src('dictation.js') +
  '\nglobal.Dictation = Dictation;');
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(([params, typed]) => {
  const d = new Dictation(JSON.parse(JSON.stringify(params)), 1, {});
  d.libraryInfo = {machineName: 'H5P.Dictation'};
  d.sentences.forEach(s => { s.inputField = {value: typed[s.index]}; });
  const statement = {verb: {id: 'http://adlnet.gov/expapi/verbs/answered'}, result: {}};
  window.cdhtAnswers.add(d, statement);
  d.showEvaluation();
  return [d.getScore(), d.getMaxScore(), d.isPassed(),
          (statement.result.extensions || {})[cdhtAnswers.extension]];
})));
"""


def library_run(tmp_path: Path, version: str, cases: list) -> list:
    """What the library itself scores (and what our frame reads) for each case."""
    node, git = shutil.which("node"), shutil.which("git")
    if node is None:
        pytest.skip(NO_NODE)
    if not FIXTURES.is_dir():
        pytest.skip(NO_FIXTURES)
    if git is None or not DICTATION_REPO.exists():
        pytest.skip(f"H5P.Dictation's source is not at {DICTATION_REPO} (set DICTATION_REPO)")
    sources = {
        "util.js": "services/util.js",
        "sentence.js": "h5p-dictation-sentence.js",
        "dictation.js": "h5p-dictation.js",
    }
    for name, path in sources.items():
        shown = subprocess.run(  # noqa: S603 - git on a path the tester gives
            [git, "-C", str(DICTATION_REPO), "show", f"{version}:src/scripts/{path}"],
            capture_output=True,
        )
        if shown.returncode != 0:
            pytest.skip(f"{DICTATION_REPO} has no tag {version} of src/scripts/{path}")
        (tmp_path / name).write_bytes(shown.stdout)
    with zipfile.ZipFile(FIXTURES / "h5p" / "blanks.h5p") as archive:
        text_utilities = archive.read("H5P.TextUtilities-1.3/scripts/text-utilities.js")
    (tmp_path / "text-utilities.js").write_bytes(text_utilities)
    shutil.copy(FRAME_JS, tmp_path / "h5p-frame.js")
    (tmp_path / "harness.js").write_text(HARNESS)
    result = subprocess.run(  # noqa: S603 - our own script, on data made here
        [node, str(tmp_path / "harness.js"), str(tmp_path)],
        input=json.dumps(cases).encode(),
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    return json.loads(result.stdout)


WORDS = re.findall(
    r"\S+",
    "Hôm nay trời Hà Nội rất đẹp chúng tôi học tập suốt đời công dân Việt Nam thành phố Hồ Chí "
    "Minh người dân được quyền và nghĩa vụ nhà nước khuyến khích",
)
PLAIN = str.maketrans(
    "ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùủũụưựữửừứíìỉịĩýỳỷỵỹđ",
    "aaaaaaaaaaaaaaaaaoooooooooooooooooeeeeeeeeeeeuuuuuuuuuuuiiiiiyyyyyd",
)
MARKS = [".", ",", "!", "?", ";", ":", "-", "(", ")", "\u201c", "\u201d", "'", "\u2026"]


def _mutate(word: str, rng: random.Random) -> str:
    choice = rng.randrange(7)
    if choice == 0 and len(word) > 1:  # a letter dropped
        i = rng.randrange(len(word))
        return word[:i] + word[i + 1 :]
    if choice == 1 and len(word) > 1:  # two letters swapped
        i = rng.randrange(len(word) - 1)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if choice == 2:  # diacritics lost
        return word.translate(PLAIN)
    if choice == 3:
        return word.upper() if rng.random() < 0.5 else word.lower()
    if choice == 4:
        return word + rng.choice(MARKS)
    if choice == 5:  # full-width
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    return rng.choice(WORDS)


def _generated(count: int) -> list:
    rng = random.Random(20261207)
    cases = []
    for _ in range(count):
        sentences = []
        for _s in range(rng.randint(1, 3)):
            # a few words, often repeated (the alignment treats repeats specially)
            vocabulary = WORDS if rng.random() < 0.6 else rng.sample(WORDS, 3)
            words = [rng.choice(vocabulary) for _w in range(rng.randint(1, 9))]
            if rng.random() < 0.3:
                i = rng.randrange(len(words))
                words[i] = f"{words[i]}|{rng.choice(WORDS)}"
            text = " ".join(w + (rng.choice(MARKS) if rng.random() < 0.2 else "") for w in words)
            if rng.random() < 0.1:
                text = "\u4e2d\u6587" + text  # autosplit characters
            sentences.append(text)
        typed = []
        for text in sentences:
            words = [rng.choice(w.split("|")) for w in text.split()]
            out = []
            for word in words:
                roll = rng.random()
                if roll < 0.1:
                    continue  # missing
                out.append(_mutate(word, rng) if roll < 0.4 else word)
                while rng.random() < 0.1:
                    out.append(rng.choice(words if rng.random() < 0.5 else WORDS))  # added
            if rng.random() < 0.1:
                rng.shuffle(out)
            typed.append((" " * rng.randint(0, 2)).join(out) if rng.random() < 0.95 else "")
        behaviour = {
            "typoFactor": rng.choice(["100", "50", "0"]),
            "ignorePunctuation": rng.random() < 0.7,
            "zeroMistakeMode": rng.random() < 0.3,
            "autosplit": rng.random() < 0.8,
        }
        cases.append((content(*sentences, **behaviour), typed))
    return cases


@pytest.mark.parametrize("version", DICTATION_VERSIONS)
def test_the_library_scores_the_same_on_every_case(tmp_path, version):
    cases = [(params, typed) for params, typed, _expected in CASES] + _generated(600)
    theirs = library_run(tmp_path, version, cases)
    for (params, typed), (raw, maximum, passed, answer) in zip(cases, theirs, strict=True):
        case = (params, typed)
        # what our frame read from the instance: the typed text (full-width forms made ASCII)
        assert len(json.loads(answer)) == len(typed), case
        mine = check_dictation(params, answer)
        assert (mine.raw, mine.max, mine.success) == (raw, maximum, passed), case
        assert check_dictation(params, json.dumps(typed)) == mine, case
