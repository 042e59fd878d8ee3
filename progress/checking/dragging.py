"""Graders for placing things: Drag and Drop (H5P.DragQuestion), Image Sequencing."""

import re

from progress.checking.base import (
    SEPARATOR,
    CheckedResult,
    as_dict,
    checked_result,
    js_key,
    js_parse_int,
    merged_params,
    truthy,
)

_INDEX = re.compile(r"0|[1-9][0-9]{0,8}")


def _listed(value) -> list:
    return value if isinstance(value, list) else []


# --- H5P.DragQuestion 1.13 (src/drag-question.js, src/draggable.js, src/dropzone.js) ----------

_DRAG_QUESTION_DEFAULTS = {
    "question": {"task": {"elements": [], "dropZones": []}},
    "behaviour": {"singlePoint": False, "applyPenalties": True},
}


def _placements(response: str | None, elements: list, zones: list) -> list[tuple[int, int]] | None:
    """getUserXAPIResponse(): "<drop zone>[.]<element>" for each placed copy of each draggable,
    joined by "[,]". None when the player could not have sent it: an element that is no
    draggable, a zone it does not accept (hasDropZone(): parseInt of its dropZones), a second
    place for a draggable that is not "multiple", a copy twice in a zone (addToDropZone()
    removes it) or two elements in a "single" zone (DropZone.accepts())."""
    if not response:
        return []
    placements = []
    for part in response.split(SEPARATOR):
        pair = part.split("[.]")
        if len(pair) != 2 or not all(_INDEX.fullmatch(number) for number in pair):
            return None
        zone, element = int(pair[0]), int(pair[1])
        if zone >= len(zones) or element >= len(elements):
            return None
        accepted = _listed(as_dict(elements[element]).get("dropZones"))
        if zone not in {js_parse_int(accepted_zone) for accepted_zone in accepted}:
            return None
        placements.append((zone, element))
    if len(set(placements)) != len(placements):
        return None
    for element in {element for _zone, element in placements}:
        copies = sum(placed == element for _zone, placed in placements)
        if copies > 1 and not truthy(as_dict(elements[element]).get("multiple")):
            return None
    for zone in {zone for zone, _element in placements}:
        held = sum(placed == zone for placed, _element in placements)
        if held > 1 and truthy(as_dict(zones[zone]).get("single")):
            return None
    return placements


def check_drag_question(params, response: str | None) -> CheckedResult:
    # The constructor maps each element to the zones listing it in correctElements (correctDZs,
    # keyed as JavaScript keys an array); blankIsCorrect when no zone lists any element.
    # calculateMaxScore(): 1 when blank is correct, else per element with right zones, their
    # number if it is "multiple", else 1; getMaxScore(): 1 (this.weight) with singlePoint.
    # showAllSolutions(): 1 to start with when blank is correct, then per placed copy +1 in a
    # right zone (rawPoints too), -1 elsewhere; not below 0; with singlePoint, 1 when it equals
    # calculateMaxScore(), else 0. getScore(): those points with applyPenalties or singlePoint,
    # rawPoints otherwise. addResponseToXAPI(): success is score == maxScore.
    p = merged_params(_DRAG_QUESTION_DEFAULTS, params)
    task = as_dict(as_dict(p["question"]).get("task"))
    elements, zones = _listed(task.get("elements")), _listed(task.get("dropZones"))
    behaviour = as_dict(p["behaviour"])
    single_point = truthy(behaviour.get("singlePoint"))
    right_zones: dict[str, list[int]] = {}
    for index, zone in enumerate(zones):
        for element in _listed(as_dict(zone).get("correctElements")):
            right_zones.setdefault(js_key(element), []).append(index)
    blank_is_correct = not right_zones
    if blank_is_correct:
        full = 1
    else:
        full = 0
        for index, element in enumerate(elements):
            if right_zones.get(str(index)):
                multiple = truthy(as_dict(element).get("multiple"))
                full += len(right_zones[str(index)]) if multiple else 1
    maximum = 1 if single_point else full
    placements = _placements(response, elements, zones)
    if placements is None:  # not what the player sends
        return checked_result(0, maximum, maximum == 0)
    points = raw_points = 1 if blank_is_correct else 0
    for zone, element in placements:
        if zone in right_zones.get(str(element), ()):
            points, raw_points = points + 1, raw_points + 1
        else:
            points -= 1
    points = max(points, 0)
    if single_point:
        points = 1 if points == full else 0
    score = points if truthy(behaviour.get("applyPenalties")) or single_point else raw_points
    return checked_result(score, maximum, score == maximum)


# --- H5P.ImageSequencing 1.1 (scripts/h5p-image-sequencing.js, …-card.js) ---------------------


def _sequence_card(params) -> bool:
    # Card.isValid(): params.image !== undefined && params.image.path !== undefined
    image = as_dict(params).get("image")
    return isinstance(image, dict) and "path" in image


def check_image_sequencing(params, response: str | None) -> CheckedResult:
    # The valid cards keep their content.json order as seqNo; addResponseToXAPI(): for each
    # place, in the learner's order, "item_<seqNo>" joined by "[,]"; gameSubmitted(): a point per
    # card whose place is its seqNo; getMaxScore(): the cards; success is score === maxScore.
    cards = sum(map(_sequence_card, _listed(as_dict(params).get("sequenceImages"))))
    order = [] if not response else response.split(SEPARATOR)
    if sorted(order) != sorted(f"item_{index}" for index in range(cards)):  # not a reordering
        return checked_result(0, cards, cards == 0 and not order)
    score = sum(item == f"item_{index}" for index, item in enumerate(order))
    return checked_result(score, cards, score == cards)
