"""Drag and Drop (H5P.DragQuestion), graded as the library does: our grade for random content
and random (reachable) placements equals what H5P.DragQuestion 1.13's own code (from the fixture
package, run in headless Chromium on H5P's core) computes; what the player can't send scores 0."""

import random

from progress.checking import CheckedResult, h5p_result_check
from tests.progress.h5p_node import JOUBEL_UI, browser_run, hub_content

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
IRI = "http://127.0.0.1:8777/content/x"


def answered(response):
    return {
        "verb": {"id": ANSWERED},
        "object": {"id": IRI},
        "result": {"response": response, "score": {"raw": 1, "max": 1, "scaled": 1}},
    }


def check(content, response):
    return h5p_result_check(
        content_json=content, main_library="H5P.DragQuestion", statement=answered(response)
    )


def task(elements, zones, **behaviour):
    """Content with elements [(dropZones, multiple)] and zones [(correctElements, single)]."""
    return {
        "question": {
            "task": {
                "elements": [
                    {"dropZones": accepted, "multiple": multiple, "type": {"params": {}}}
                    for accepted, multiple in elements
                ],
                "dropZones": [
                    {"correctElements": right, "single": single, "tipsAndFeedback": {}}
                    for right, single in zones
                ],
            }
        },
        "behaviour": behaviour,
    }


def test_drag_question_from_the_fixture():
    content = hub_content("H5P.DragQuestion")  # three names, one zone: "Fragaria" is element 1
    assert check(content, "0[.]1") == CheckedResult(1, 1, 1, True)
    assert check(content, "0[.]0") == CheckedResult(0, 1, 0, False)
    assert check(content, "0[.]0[,]0[.]1") == CheckedResult(0, 1, 0, False)  # -1 +1
    assert check(content, "") == CheckedResult(0, 1, 0, False)


def test_drag_question_scoring_rules():
    two = task([(["0", "1"], True), (["0", "1"], False)], [(["0"], False), (["0", "1"], False)])
    # element 0 ("multiple") is right in both zones: 2 points; element 1 in zone 1: 1 point
    assert check(two, "0[.]0[,]1[.]0[,]1[.]1") == CheckedResult(3, 3, 1, True)
    assert check(two, "0[.]0[,]0[.]1") == CheckedResult(0, 3, 0, False)  # +1 -1
    assert check(two, "0[.]1") == CheckedResult(0, 3, 0, False)  # never below 0
    no_penalty = task(*[[(["0", "1"], True), (["0", "1"], False)],
                        [(["0"], False), (["0", "1"], False)]], applyPenalties=False)  # fmt: skip
    assert check(no_penalty, "0[.]0[,]0[.]1") == CheckedResult(1, 3, 0.3333, False)
    assert check(no_penalty, "0[.]1[,]1[.]0") == CheckedResult(1, 3, 0.3333, False)
    single_point = {**two, "behaviour": {"singlePoint": True}}
    assert check(single_point, "0[.]0[,]1[.]0[,]1[.]1") == CheckedResult(1, 1, 1, True)
    assert check(single_point, "0[.]0[,]1[.]0") == CheckedResult(0, 1, 0, False)
    # no zone has a right element: leaving it empty is right, each drop costs the point
    blank = task([(["0"], False)], [([], False)])
    assert check(blank, "") == CheckedResult(1, 1, 1, True)
    assert check(blank, "0[.]0") == CheckedResult(0, 1, 0, False)


def test_drag_question_placements_the_player_cannot_send_score_nothing():
    content = task(
        [(["0"], False), (["0", "1"], False), ([], False), (["1", "0"], True)],
        [(["0", "1", "3"], True), (["1", "2", "3"], False)],
    )
    # element 2 can't be dragged, yet a zone lists it: its point counts in the maximum
    assert check(content, "0[.]0") == CheckedResult(1, 5, 0.2, False)
    for forged in [
        "1[.]0",  # element 0 is not accepted in zone 1
        "0[.]2",  # element 2 is no draggable
        "0[.]1[,]1[.]1",  # element 1 is not "multiple": one place only
        "0[.]0[,]0[.]3",  # zone 0 takes a single element
        "1[.]3[,]1[.]3",  # the same copy twice
        "2[.]0", "0[.]9", "0[.]01", "0.0", "0[.]0[,]", "x", "-1[.]0",
    ]:  # fmt: skip
        assert check(content, forged) == CheckedResult(0, 5, 0, False), forged


PLAY_DRAG_QUESTION = r"""
return cases.map(c => {
  // the constructor restores placements from previousState.answers (per element: [{dz, x, y}])
  const q = new H5P.DragQuestion(c.params, 1, {previousState: {answers: c.answers}});
  q.hasButton = () => false;
  return {response: q.getUserXAPIResponse(), raw: q.getScore(), max: q.getMaxScore()};
});
"""


def _random_case(rng):
    zones_count, elements_count = rng.randint(0, 4), rng.randint(0, 5)
    names = [str(i) for i in range(elements_count + 1)]  # one beyond the last element too
    zones = [
        (rng.sample(names, rng.randint(0, min(3, len(names)))), rng.random() < 0.3)
        for _ in range(zones_count)
    ]
    elements = [
        (
            [str(z) for z in rng.sample(range(zones_count), rng.randint(0, zones_count))],
            rng.random() < 0.3,
        )
        for _ in range(elements_count)
    ]
    behaviour = {}
    if rng.random() < 0.5:
        behaviour = {"singlePoint": rng.random() < 0.3, "applyPenalties": rng.random() < 0.7}
    content = task(elements, zones, **behaviour)
    # placements the player allows: accepted zones, one place unless "multiple", single zones
    # holding one element
    taken, answers = set(), []
    for accepted, multiple in elements:
        places = []
        for zone in rng.sample([int(z) for z in accepted], len(accepted)):
            if (places and not multiple) or zone in taken or rng.random() < 0.4:
                continue
            if zones[zone][1]:
                taken.add(zone)
            places.append({"dz": zone, "x": 1, "y": 1})
        answers.append(places)
    return {"params": content, "answers": answers}


def test_drag_question_agrees_with_the_librarys_javascript(tmp_path):
    rng = random.Random(20261209)
    cases = [_random_case(rng) for _ in range(300)]
    fixture = hub_content("H5P.DragQuestion")
    cases += [{"params": fixture, "answers": a} for a in ([[{"dz": 0}], [], []], [[], [{"dz": 0}]])]
    played = browser_run(
        tmp_path, package="H5P.DragQuestion", files=["H5P.DragQuestion-1.13/h5p-drag-question.js"],
        script=PLAY_DRAG_QUESTION, cases=cases,
    )  # fmt: skip
    seen = set()
    for case, js in zip(cases, played, strict=True):
        ours = check(case["params"], js["response"])
        assert (ours.raw, ours.max) == (js["raw"], js["max"]), (case, js)
        assert ours.success is (js["raw"] == js["max"])  # addResponseToXAPI(): score == max
        seen.add((ours.success, ours.raw > 0))
    assert seen == {(True, True), (False, True), (False, False), (True, False)}


# --- Image Sequencing ---------------------------------------------------------------------------


def sequencing(response, content):
    return h5p_result_check(
        content_json=content, main_library="H5P.ImageSequencing", statement=answered(response)
    )


def test_image_sequencing_from_the_fixture():
    content = hub_content("H5P.ImageSequencing")  # eight planets, smallest to largest
    assert len(content["sequenceImages"]) == 8
    right = "[,]".join(f"item_{i}" for i in range(8))
    assert sequencing(right, content) == CheckedResult(8, 8, 1, True)
    swapped = "item_1[,]item_0[,]" + "[,]".join(f"item_{i}" for i in range(2, 8))
    assert sequencing(swapped, content) == CheckedResult(6, 8, 0.75, False)
    for forged in ["", "item_0", right + "[,]item_8", right.replace("item_7", "item_0"), "x"]:
        assert sequencing(forged, content) == CheckedResult(0, 8, 0, False), forged
    # a card without an image is left out by the library (Card.isValid())
    fewer = {**content, "sequenceImages": [{"imageDescription": "?"}, *content["sequenceImages"]]}
    assert sequencing(right, fewer) == CheckedResult(8, 8, 1, True)


SEQUENCING = ["", "-card", "-counter", "-timer"]
SEQUENCING_FILES = [
    "jQuery.ui-1.10/h5p-jquery-ui.js",
    "H5P.Timer-0.4/scripts/timer.js",
    *JOUBEL_UI,
] + [f"H5P.ImageSequencing-1.1/scripts/h5p-image-sequencing{f}.js" for f in SEQUENCING]
PLAY_SEQUENCING = r"""
const $ = H5P.jQuery;
window.H5PIntegration = {contents: {'cid-1': {url: 'x', contentUrl: '/c'}}, l10n: {H5P: {}},
  url: '/'};
return cases.map(c => {
  const $box = $('<div>').appendTo('body');
  const game = H5P.newRunnable({library: 'H5P.ImageSequencing 1.1',
    params: $.extend(true, {}, c.params)}, 1, $box);
  let result = null;
  game.on('xAPI', e => {
    if (e.data.statement.verb.id.endsWith('answered')) result = e.data.statement.result; });
  // the learner's order: the shuffled cards' <li> moved in the list, then the library's own
  // sortable "update" handler reads the list and its check button's handler grades it
  const $list = $box.find('ul.sortable');
  const items = $list.children('li').get();
  c.order.forEach(i => { if (items[i]) $list.append(items[i]); });
  $list.sortable('option', 'update')();
  game.gameSubmitted();
  $box.remove();
  return result;
});
"""


def test_image_sequencing_agrees_with_the_librarys_javascript(tmp_path):
    rng = random.Random(20261211)
    base = hub_content("H5P.ImageSequencing")
    cases = []
    for _ in range(120):
        cards = []
        for index in range(rng.randint(1, 7)):
            card = {"imageDescription": f"Ảnh {index}", "image": {"path": f"images/{index}.jpg"}}
            if index and rng.random() < 0.1:  # the first is valid: the game needs a card
                card.pop("image") if rng.random() < 0.5 else card["image"].pop("path")
            cards.append(card)
        order = list(range(len(cards)))
        if rng.random() < 0.7:
            rng.shuffle(order)
        cases.append({"params": {**base, "sequenceImages": cards}, "order": order})
    played = browser_run(
        tmp_path, package="H5P.ImageSequencing", files=SEQUENCING_FILES,
        script=PLAY_SEQUENCING, cases=cases,
    )  # fmt: skip
    seen = set()
    for case, js in zip(cases, played, strict=True):
        ours = sequencing(js["response"], case["params"])
        score = js["score"]
        assert (ours.raw, ours.max, ours.success) == (
            score["raw"], score["max"], js["success"]
        ), (case, js)  # fmt: skip
        seen.add(ours.success)
    assert seen == {True, False}
