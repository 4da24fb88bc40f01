"""A map in a few paragraphs of plain language: who and what, the stages and steps, the emotion
curve of each persona, the pain points by impact and, for a service blueprint, its gaps and
fail points.

Deterministic: the same map always gives the same text, in map order, with ties broken by map
order. It is the long description of the SVG picture (``<desc>``) and of the HTML page.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..model import JourneyError
from ..model.formatting import display_text
from ._words import emotion_at, emotion_value, listing, number, plural, quote, sentence, value_of

if TYPE_CHECKING:
    from ..model import Journey

#: Steps are named one by one up to this many; beyond it, stages give their step counts.
STEPS_NAMED = 16
#: Lanes are named up to this many.
LANES_NAMED = 12
#: How many cards of each impact are quoted, worst first.
CARDS_QUOTED = {"abandons": 3, "work-around": 1, "trivial": 0}
#: What a card of each impact does, for one card and for several.
IMPACT_WORDS = {
    "abandons": ("makes the customer give up (abandons)", "make the customer give up (abandons)"),
    "work-around": ("has a work-around", "have a work-around"),
    "trivial": ("is trivial", "are trivial"),
}
#: Card texts are cut to this many characters.
CARD_LIMIT = 60
STATE_WORDS = {"current": "current-state", "future": "future-state"}


def describe(journey: Journey | Mapping[str, Any]) -> str:
    """The map in a few paragraphs of plain language (separated by blank lines).

    Who and what (title, state, personas, scenario); the stages and steps; per persona, where
    emotion peaks and bottoms out and its largest drop; the pain points by impact (cards with an
    impact, worst first); and for a blueprint (a map with zones) its alignment gaps and fail
    points (:mod:`jmwidget.analysis`). Takes a journey or its document.

    >>> from jmwidget import Journey
    >>> text = describe(Journey.from_template("onboarding"))
    >>> text.split(". ")[0]
    "'Opening a current account in the app' is a current-state journey map for Tomás Ruiz (New graduate, 24, starting his first job)"
    >>> "the largest drop: emotion at 'Photographs ID' falls from 3 to 1" in text
    True
    """  # noqa: E501
    doc = _document(journey)
    paragraphs = [_who(doc), _structure(doc), _emotions(doc), _pain_points(doc), _blueprint(journey, doc)]
    return "\n\n".join(p for p in paragraphs if p)


def _document(journey: Journey | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(journey, Mapping):
        return journey
    return journey.document


def is_blueprint(doc: Mapping[str, Any]) -> bool:
    """Whether the map has lanes in zones."""
    return any(lane.get("zone") for lane in doc.get("lanes", []))


def steps_in_order(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every step of ``doc`` in map order, with its stage's name as ``stage``."""
    return [{**step, "stage": stage["name"]} for stage in doc.get("stages", []) for step in stage["steps"]]


# ---------------------------------------------------------------- who and what


def _who(doc: Mapping[str, Any]) -> str:
    kind = "service blueprint" if is_blueprint(doc) else "journey map"
    state = STATE_WORDS.get(str(doc.get("state")), "")
    article = "an" if (state or kind)[0] in "aeiou" else "a"
    personas = doc.get("personas", [])
    names = [display_text(p["name"]) for p in personas]
    who = ""
    if len(personas) == 1:
        role = " ".join(display_text(personas[0].get("role") or "").split())
        who = f" for {names[0]}" + (f" ({role})" if role else "")
    elif personas:
        who = f" for {listing(names, 5)}"
    text = f"{quote(doc.get('title') or 'Untitled journey', 120)} is {article} {state} {kind}".replace("  ", " ")
    out = [sentence(f"{text}{who}")]
    scenario = " ".join(display_text(doc.get("scenario") or "").split())
    if scenario:
        out.append(sentence(f"Scenario: {scenario if len(scenario) <= 300 else scenario[:299] + '…'}"))
    return " ".join(out)


def _structure(doc: Mapping[str, Any]) -> str:
    stages = doc.get("stages", [])
    steps = steps_in_order(doc)
    lanes = doc.get("lanes", [])
    if not stages:
        head = "It has no stages or steps yet"
    elif len(steps) <= STEPS_NAMED:
        parts = [
            f"{_name(s['name'])} ({', '.join(_name(t['name']) for t in s['steps']) or 'no steps'})" for s in stages
        ]
        head = f"{plural(len(stages), 'stage')} and {plural(len(steps), 'step')}: {'; '.join(parts)}"
    else:
        parts = [f"{_name(s['name'])} ({len(s['steps'])})" for s in stages]
        head = f"{plural(len(stages), 'stage')} and {plural(len(steps), 'step')}: {listing(parts, 10)}"
    lane_names = [_name(lane["name"]) for lane in lanes]
    tail = f"{plural(len(lanes), 'lane')}: {listing(lane_names, LANES_NAMED)}" if lanes else "no lanes yet"
    return f"{sentence(head)} {sentence(tail)}"


def _name(text: object) -> str:
    flat = " ".join(display_text(text).split())
    return flat if len(flat) <= 60 else flat[:59] + "…"


# ---------------------------------------------------------------- emotion


def curve(doc: Mapping[str, Any], lane_id: str, persona_id: str) -> list[tuple[dict[str, Any], float]]:
    """One persona's emotion values in map order: (step, value) for every step with a value."""
    cells = doc.get("cells", {}).get(lane_id, {})
    out = []
    for step in steps_in_order(doc):
        value = value_of((cells.get(step["id"]) or {}).get(persona_id))
        if value is not None:
            out.append((step, value))
    return out


def largest_drop(points: list[tuple[dict[str, Any], float]]) -> tuple[dict[str, Any], float, float] | None:
    """The steepest fall between two neighbouring values: (step, before, after); ties go to the
    fall that ends lower, then to the first. None when the curve never falls."""
    best: tuple[dict[str, Any], float, float] | None = None
    for (_, before), (step, after) in pairwise(points):
        if after >= before:
            continue
        if best is None or (before - after, -after) > (best[1] - best[2], -best[2]):
            best = (step, before, after)
    return best


def _emotions(doc: Mapping[str, Any]) -> str:
    scale = doc.get("emotion_scale") or {}
    sentences = []
    for lane in doc.get("lanes", []):
        if lane.get("kind") != "emotion":
            continue
        for persona in doc.get("personas", []):
            points = curve(doc, lane["id"], persona["id"])
            who = f"{_name(lane['name'])} for {_name(persona['name'])}"
            if points:
                sentences.append(sentence(_curve_sentence(who, points, scale)))
        if not any(curve(doc, lane["id"], p["id"]) for p in doc.get("personas", [])):
            sentences.append(sentence(f"the {_name(lane['name'])} lane has no values yet"))
    return " ".join(sentences)


def _curve_sentence(who: str, points: list[tuple[dict[str, Any], float]], scale: Mapping[str, Any]) -> str:
    values = [value for _, value in points]
    top, bottom = max(values), min(values)
    span = f" ({number(scale['min'])} to {number(scale['max'])})" if "min" in scale and "max" in scale else ""

    def at(target: float) -> str:
        return listing([quote(step["name"]) for step, value in points if value == target], 2)

    if top == bottom:
        return f"{who}{span} stays at {emotion_value(top, scale)} at every step with a value"
    text = (
        f"{who}{span} peaks at {emotion_value(top, scale)} at {at(top)}; "
        f"it bottoms out at {emotion_value(bottom, scale)} at {at(bottom)}"
    )
    drop = largest_drop(points)
    if drop is None:
        return text + "; it never falls"
    step, before, after = drop
    return f"{text}; the largest drop: {emotion_at(step['name'], before, after)}"


# ---------------------------------------------------------------- pain points


def impact_cards(doc: Mapping[str, Any]) -> dict[str, list[tuple[dict[str, Any], dict[str, Any]]]]:
    """Cards with an impact, by impact (worst first), each with its step, in map order."""
    groups: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {impact: [] for impact in IMPACT_WORDS}
    lanes = [lane for lane in doc.get("lanes", []) if lane.get("kind") == "cards"]
    for step in steps_in_order(doc):
        for lane in lanes:
            for card in doc.get("cells", {}).get(lane["id"], {}).get(step["id"]) or []:
                if card.get("impact") in groups:
                    groups[card["impact"]].append((card, step))
    return groups


def _pain_points(doc: Mapping[str, Any]) -> str:
    groups = impact_cards(doc)
    parts = []
    for impact, cards in groups.items():
        if not cards:
            continue
        quoted = [f"{quote(card['text'], CARD_LIMIT)} at {quote(step['name'])}" for card, step in cards]
        limit = CARDS_QUOTED[impact]
        detail = f": {listing(quoted, limit)}" if limit else ""
        parts.append(f"{len(cards)} {IMPACT_WORDS[impact][len(cards) != 1]}{detail}")
    if not parts:
        return ""
    return sentence(f"Pain points by impact: {'; '.join(parts)}")


# ---------------------------------------------------------------- blueprint


def _blueprint(journey: Journey | Mapping[str, Any], doc: Mapping[str, Any]) -> str:
    if not is_blueprint(doc):
        return ""
    from .. import analysis  # pandas: only for blueprints
    from ..model import Journey

    try:
        subject = journey if isinstance(journey, Journey) else Journey.from_dict(doc)
        gaps = analysis.alignment(subject)
        fails = analysis.fail_points(subject)
    except JourneyError:  # a document that is not valid, or has no customer-side zone
        return ""
    zones = list(dict.fromkeys(lane["zone"] for lane in doc["lanes"] if lane.get("zone")))
    connections = len(doc.get("connections", []))
    out = [sentence(f"As a service blueprint it has {plural(len(zones), 'zone')} and {plural(connections, 'arrow')}")]
    out.append(_gap_sentence(gaps))
    if len(fails):
        quoted = [f"{quote(r.fail_note, CARD_LIMIT)} at {quote(r.step)} ({_name(r.lane)})" for r in fails.itertuples()]
        out.append(sentence(f"{plural(len(fails), 'fail point')}: {listing(quoted, 3)}"))
    else:
        out.append("No fail points are marked.")
    return " ".join(out)


def _gap_sentence(gaps: Any) -> str:
    if not len(gaps):
        return (
            "No alignment gaps: every touchpoint and customer action has a frontstage action, "
            "and every frontstage action a backstage chain."
        )
    parts = []
    for kind, one, many, missing in (
        ("no-frontstage", "touchpoint or customer action", "touchpoints or customer actions", "no frontstage action"),
        ("no-backstage", "frontstage action", "frontstage actions", "no backstage or support process connected"),
    ):
        rows = gaps[gaps["kind"] == kind]
        if len(rows):
            verb = "has" if len(rows) == 1 else "have"
            quoted = [f"{quote(r.text, CARD_LIMIT)} at {quote(r.step)}" for r in rows.itertuples()]
            parts.append(f"{plural(len(rows), one, many)} {verb} {missing} ({listing(quoted, 3)})")
    return sentence(f"Alignment gaps: {'; '.join(parts)}")
