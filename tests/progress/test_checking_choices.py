"""Single Choice Set (its questions and the set's own result), graded as the library does: our
grade for random content and random picks equals what H5P.SingleChoiceSet 1.11's own code (from
the Course Presentation fixture, run in node) reports in its statements."""

import random

from progress.checking import CheckedResult, h5p_container_result, h5p_result_check
from tests.progress.h5p_node import JOUBEL_UI, browser_run, hub_content, node_run

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"
SCS = "H5P.SingleChoiceSet-1.11/scripts/"

SINGLE_CHOICE_SET = {
    "choices": [
        {
            "subContentId": "c1",
            "question": "Ai chứng thực bản sao giấy tờ?",
            "answers": ["UBND xã", "Hội Khuyến học", "Chi hội"],
        },
        {"subContentId": "c2", "question": "Thủ đô của Việt Nam?", "answers": ["Hà Nội", "Huế"]},
        {"subContentId": "c3", "question": "Câu hỏi trống"},  # no answers: dropped by the set
    ],
    "behaviour": {"passPercentage": 50},
}


def answered(response, sub):
    return {
        "verb": {"id": ANSWERED},
        "object": {"id": f"{IRI}?subContentId={sub}" if sub else IRI},
        "result": {"response": response, "score": {"raw": 1, "max": 1, "scaled": 1}},
    }


def check(response, sub, content=SINGLE_CHOICE_SET, main="H5P.SingleChoiceSet"):
    return h5p_result_check(
        content_json=content, main_library=main, statement=answered(response, sub)
    )


def test_single_choice_questions_the_first_answer_is_right():
    assert check("0", "c1") == CheckedResult(1, 1, 1, True)
    assert check("1", "c1") == CheckedResult(0, 1, 0, False)
    assert check("2", "c2") == CheckedResult(0, 1, 0, False)  # not even an answer there
    assert check("", "c2") == CheckedResult(0, 1, 0, False)  # getXAPIData: unanswered is ''
    assert check("0", "c3") is None  # dropped: no answers
    assert check("0", "nowhere") is None


def test_single_choice_set_result_counts_right_questions():
    def total(children, content=SINGLE_CHOICE_SET):
        return h5p_container_result(
            content_json=content, main_library="H5P.SingleChoiceSet", children=children
        )

    right, wrong = check("0", "c1"), check("1", "c2")
    assert total({}) == CheckedResult(0, 2, 0, False)
    assert total({"c1": right}) == CheckedResult(1, 2, 0.5, True)  # passPercentage 50
    assert total({"c1": right, "c2": wrong}) == CheckedResult(1, 2, 0.5, True)
    strict = {**SINGLE_CHOICE_SET, "behaviour": {}}  # the default passPercentage is 100
    assert total({"c1": right}, strict) == CheckedResult(1, 2, 0.5, False)
    assert total({"c1": right, "c2": check("0", "c2")}, strict) == CheckedResult(2, 2, 1, True)
    # inside a QuestionSet, its questions are found and added up too
    question_set = {"questions": [{"library": "H5P.SingleChoiceSet 1.11", "subContentId": "s",
                                   "params": strict}]}  # fmt: skip
    assert check("0", "c2", question_set, "H5P.QuestionSet") == CheckedResult(1, 1, 1, True)
    assert h5p_container_result(
        content_json=question_set, main_library="H5P.QuestionSet", children={"c1": right}
    ) == CheckedResult(1, 2, 0.5, True)


PLAY_SINGLE_CHOICE_SET = r"""
const SingleChoice = H5P.SingleChoiceSet.SingleChoice;
load('H5P.SingleChoiceSet-1.11/scripts/single-choice-set.js');
const Set = H5P.SingleChoiceSet.prototype;
let seed = 7;
H5P.shuffleArray = a => {  // shuffled, as the player does, but repeatably
  for (let i = a.length - 1; i > 0; i--) {
    seed = (seed * 16807) % 2147483647; const j = seed % (i + 1); [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};
answer(cases.map(c => {
  // the constructor's defaults and its filter of empty choices
  const options = extend(true, {}, {choices: [], overallFeedback: [], behaviour: {
    passPercentage: 100}}, c.params);
  options.choices = options.choices.filter(choice => choice !== undefined && !!choice.answers);
  const results = {corrects: 0, wrongs: 0}, statements = {};
  options.choices.forEach((question, index) => {
    const pick = c.picks[index];
    const choice = new SingleChoice(extend(true, {}, question), index, 1);
    if (pick === null || !choice.options.answers.length) return;
    const picked = choice.options.answers[pick % choice.options.answers.length];
    Set.handleAlternativeSelected.call({results, toggleNextButton() {}, triggerXAPI() {},
      $choices: chain, l10n: {correctText: '', incorrectText: ''}, read() {}, muted: true},
      {data: {correct: picked.correct}});
    const event = Set.createXApiAnsweredEvent.call(Object.assign(Object.create(Set),
      {contentId: 1}), question, picked.answerIndex, 0);
    statements[question.subContentId] = event.data.statement.result;
  });
  let completed = null;
  Set.setScore.call({choices: options.choices, options, l10n: {}, setFeedback() {}, hideButton() {},
    showButton() {}, handleQueuedButtonChanges() {}, trigger() {},
    triggerXAPIScored: (raw, max, verb, completion, success) => completed = {raw, max, success}},
    results.corrects);
  return {statements, completed};
}));
"""


def test_single_choice_set_agrees_with_the_librarys_javascript(tmp_path):
    rng = random.Random(20261207)
    words = ["Đúng", "Sai", "Có", "Không", "UBND xã", "Chi hội", ""]
    cases = []
    for _ in range(300):
        choices = []
        for index in range(rng.randint(0, 5)):
            choice = {"subContentId": f"q{index}", "question": "Câu hỏi?"}
            if rng.random() < 0.9:
                choice["answers"] = rng.sample(words, rng.randint(0, 4))
            choices.append(choice)
        params = {"choices": choices}
        if rng.random() < 0.7:
            params["behaviour"] = {"passPercentage": rng.choice([0, 30, 50, 100, 101])}
        picks = [rng.choice([None, 0, 1, 2, 3]) for _ in choices]
        cases.append({"params": params, "picks": picks})
    files = [SCS + f for f in ["stop-watch.js", "sound-effects.js", "xapi-event-builder.js",
             "result-slide.js", "solution-view.js", "single-choice-alternative.js",
             "single-choice.js"]]  # fmt: skip
    played = node_run(
        tmp_path, package="H5P.CoursePresentation", files=files,
        script=PLAY_SINGLE_CHOICE_SET, cases=cases,
    )  # fmt: skip
    seen = set()
    for case, js in zip(cases, played, strict=True):
        children = {}
        for sub, result in js["statements"].items():
            ours = check(result["response"], sub, case["params"])
            assert (ours.raw, ours.max, ours.success) == (
                result["score"]["raw"], result["score"]["max"], result["success"]
            ), case  # fmt: skip
            children[sub] = ours
            seen.add(ours.success)
        total = h5p_container_result(
            content_json=case["params"], main_library="H5P.SingleChoiceSet", children=children
        )
        if js["completed"] is None:  # setScore() returns early with no questions
            assert total.max == 0, case
            continue
        assert (total.raw, total.max, total.success) == tuple(js["completed"].values()), case
    assert seen == {True, False}


# --- Mark the Words ----------------------------------------------------------------------------

MTW = "H5P.MarkTheWords-1.9/scripts/"
PLAY_MARK_THE_WORDS = r"""
const $ = H5P.jQuery, Words = H5P.MarkTheWords.prototype;
return cases.map(c => {
  const self = Object.create(Words);
  self.params = $.extend(true, {textField: "This is a *nice*, *flexible* content type."},
    c.params);
  self.keyboardNavigators = [];
  self.triggerXAPI = () => {}; self.trigger = () => {};
  Words.addTaskTo.call(self, $('<div>'));
  const picks = c.picks.filter(i => i < self.selectableWords.length);
  picks.forEach(i => self.selectableWords[i].setSelected());
  const response = self.selectableWords.reduce((found, word, index) => {  // getUserSelections
    if (word.isSelected()) found.push(index);
    return found;
  }, []).join('[,]');
  return {response, raw: self.getScore(), max: self.getMaxScore(),
    words: self.selectableWords.length};
});
"""


def test_mark_the_words_from_the_fixture():
    content = hub_content("H5P.MarkTheWords")  # seven *berries*, 47 words

    def mtw(response):
        return h5p_result_check(
            content_json=content, main_library="H5P.MarkTheWords", statement=answered(response, "")
        )

    content_response = lambda r: mtw(r)  # noqa: E731
    assert content_response("0[,]4[,]14[,]21[,]23[,]30[,]46") == CheckedResult(7, 7, 1, True)
    assert content_response("0[,]4[,]1") == CheckedResult(1, 7, 0.1429, False)  # 2 right, 1 wrong
    assert content_response("1[,]2[,]3") == CheckedResult(0, 7, 0, False)  # never below 0
    assert content_response("") == CheckedResult(0, 7, 0, False)
    assert content_response("0[,]0") == CheckedResult(0, 7, 0, False)  # not what the player sends
    assert content_response("47") == CheckedResult(0, 7, 0, False)


def test_mark_the_words_agrees_with_the_librarys_javascript(tmp_path):
    rng = random.Random(20261208)
    pieces = ["*từ*", "*đúng*,", "sai", "(*mở*)", "**", "*", "*a*b", "x*", "“*trích*”",
              "&nbsp;", " ", "\n", "<br>", "<p>", "</p>", "<strong>", "</strong>", "&amp;",
              "*😀*", "a\u00a0b", "*x**y*", "*ab*.", "…", "¿*qué*?"]  # fmt: skip
    cases = []
    for _ in range(250):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        cases.append(
            {"params": {"textField": text}, "picks": rng.sample(range(30), rng.randint(0, 6))}
        )
    cases.append({"params": hub_content("H5P.MarkTheWords"), "picks": [0, 4, 5, 14]})
    files = [
        MTW + f for f in ["keyboard-nav.js", "xAPI-generator.js", "word.js", "mark-the-words.js"]
    ]
    played = browser_run(
        tmp_path, package="H5P.MarkTheWords", files=files, script=PLAY_MARK_THE_WORDS, cases=cases
    )
    from progress.checking.choices import _marked_words

    seen = set()
    for case, js in zip(cases, played, strict=True):
        assert len(_marked_words(case["params"]["textField"])) == js["words"], case
        ours = h5p_result_check(
            content_json=case["params"], main_library="H5P.MarkTheWords",
            statement=answered(js["response"], ""),
        )  # fmt: skip
        assert (ours.raw, ours.max) == (js["raw"], js["max"]), (case, js)
        assert ours.success is (js["raw"] == js["max"])
        seen.add(ours.success)
    assert seen == {True, False}


# --- Summary -----------------------------------------------------------------------------------


def test_summary_lists_and_the_summarys_own_result_from_the_fixture():
    content = hub_content("H5P.Summary")  # two lists of statements
    first, second = (panel["subContentId"] for panel in content["summaries"])

    def summary(response, sub):
        return check(response, sub, content, "H5P.Summary")

    assert summary("0", first) == CheckedResult(1, 1, 1, None)  # right at the first try
    assert summary("2", first) == CheckedResult(0, 1, 0, None)
    assert summary("0[,]1", first) == CheckedResult(0, 1, 0, None)  # not one pick: not first try
    assert summary("0", "nowhere") is None

    def total(children):
        return h5p_container_result(
            content_json=content, main_library="H5P.Summary", children=children
        )

    assert total({}) == CheckedResult(0, 2, 0, None)
    assert total({first: summary("0", first)}) == CheckedResult(1, 2, 0.5, None)
    both = {first: summary("0", first), second: summary("0", second)}
    assert total(both) == CheckedResult(2, 2, 1, None)


SUMMARY_FILES = (
    [f"H5P.Question-1.4/scripts/{f}" for f in ["question.js", "explainer.js", "score-points.js"]]
    + JOUBEL_UI
    + [f"H5P.Summary-1.10/js/{f}" for f in ["stop-watch.js", "xapi-event-builder.js", "summary.js"]]
)
PLAY_SUMMARY = r"""
const $ = H5P.jQuery;
window.H5PIntegration = {contents: {'cid-1': {url: 'x'}}, l10n: {H5P: {}}};
return cases.map(c => {
  // the library played in a page, its statements clicked: each claim is an <li> whose data-bit
  // counts the claims of the lists before it (the lists are shown shuffled)
  const $box = $('<div>').appendTo('body');
  const summary = H5P.newRunnable({library: 'H5P.Summary 1.10',
    params: $.extend(true, {}, c.params)}, 1, $box);
  const statements = [];
  summary.on('xAPI', e => { const s = e.data.statement;
    if (s.verb.id.endsWith('answered')) statements.push({id: s.object.id, result: s.result}); });
  let offset = 0;
  c.params.summaries.forEach((panel, p) => {
    if (panel.summary === undefined) return;
    (c.clicks[p] || []).forEach(s => $box.find('li[data-bit="' + (offset + s) + '"]').click());
    offset += panel.summary.length;
  });
  $box.remove();
  return statements;
});
"""


def _summary_case(rng):
    panels, clicks = [], []
    for index in range(rng.randint(0, 4)):
        panel = {"subContentId": f"p{index}", "tip": ""}
        if rng.random() < 0.9:
            panel["summary"] = [f"<p>Nhận định {i}</p>" for i in range(rng.randint(1, 4))]
        panels.append(panel)
    stopped = False
    for panel in panels:
        if "summary" not in panel:
            clicks.append([])
            continue
        others = range(1, len(panel["summary"]))
        wrong = rng.sample(others, rng.randint(0, len(others)))
        done = not stopped and rng.random() < 0.85
        clicks.append([] if stopped else wrong + ([0] if done else []))
        stopped = stopped or not done
    return {"params": {"summaries": panels}, "clicks": clicks}


def test_summary_agrees_with_the_librarys_javascript(tmp_path):
    rng = random.Random(20261210)
    cases = [_summary_case(rng) for _ in range(150)]
    played = browser_run(
        tmp_path, package="H5P.Summary", files=SUMMARY_FILES, script=PLAY_SUMMARY, cases=cases
    )
    seen = set()
    for case, statements in zip(cases, played, strict=True):
        children = {}
        for js in statements:
            score = js["result"]["score"]
            _base, _marker, sub = js["id"].partition("?subContentId=")
            if sub:  # a list's first pick
                ours = check(js["result"]["response"], sub, case["params"], "H5P.Summary")
                assert (ours.raw, ours.max, ours.success) == (score["raw"], score["max"], None)
                children[sub] = ours
                seen.add(ours.raw)
            else:  # the Summary's own result, after the last list
                assert "response" not in js["result"] and "success" not in js["result"]
                total = h5p_container_result(
                    content_json=case["params"], main_library="H5P.Summary", children=children
                )
                assert (total.raw, total.max) == (score["raw"], score["max"]), (case, statements)
                seen.add("total")
    assert seen == {0, 1, "total"}
