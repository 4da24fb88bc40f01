"""A comparison in a few plain sentences, one per line, in the wording of ``Journey.describe``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model.formatting import format_metric
from ..prose import emotion_at, listing, movement, number, plural, quote, sentence, value_of
from ..prose._describe import curve
from ._difference import Difference
from ._pair import Pair

STATE = {"current": "current state", "future": "future state"}
FIELD_WORDS = {"emotion_scale": "emotion scale", "higher_is_better": "direction"}
KINDS = (("persona", "Personas"), ("stage", "Stages"), ("step", "Steps"), ("lane", "Lanes"))


def summary(p: Pair, changes: Sequence[Difference]) -> str:
    """The sentences of ``Diff.summary()``, joined by newlines."""
    if not changes:
        return f"No differences between {_side(p.a.doc)} and {_side(p.b.doc, p.a.doc)}."
    lines = [_header(p), _matched_by_name(p), _map_fields(changes)]
    lines += [_structure(p, changes, what, title) for what, title in KINDS]
    lines += [_cells(changes), *_metrics(p, changes), *_cards(p, changes), _blueprint(changes), *_emotions(p, changes)]
    return "\n".join(line for line in lines if line)


def _side(doc: Any, other: Any = None) -> str:
    state = STATE.get(str(doc.get("state")), "state not set")
    if other is not None and other.get("title") == doc.get("title"):
        return f"its copy ({state})"
    return f"{quote(doc.get('title') or 'Untitled journey', 120)} ({state})"


def _header(p: Pair) -> str:
    return f"From {_side(p.a.doc)} to {_side(p.b.doc, p.a.doc).replace('its copy', 'its new version')}."


def _matched_by_name(p: Pair) -> str:
    counts = [plural(n, kind) for kind, m in p.kinds().items() if (n := sum(how != "id" for how in m.how.values()))]
    return sentence(f"matched by name because their ids differ: {listing(counts, 6)}") if counts else ""


def _words(fields: Iterable[str | None]) -> list[str]:
    return [FIELD_WORDS.get(str(f), str(f).replace("_", " ")) for f in dict.fromkeys(fields)]


def _map_fields(changes: Sequence[Difference]) -> str:
    fields = [c.field for c in changes if c.what == "map"]
    if not fields:
        return ""
    return sentence(f"the map's {listing(_words(fields), 6)} changed")


# ---------------------------------------------------------------- structure


def _structure(p: Pair, changes: Sequence[Difference], what: str, title: str) -> str:
    rows = [c for c in changes if c.what == what]
    if not rows:
        return ""
    one = what
    parts = []
    for change, preposition in (("added", "in"), ("removed", "from")):
        picked = [c for c in rows if c.change == change]
        if picked and what == "step":
            groups: dict[str, list[str]] = {}
            for c in picked:
                groups.setdefault(c.where, []).append(quote(c.name))
            parts += [
                f"{plural(len(names), one)} {change} {preposition} {stage} ({listing(names, 3)})"
                for stage, names in groups.items()
            ]
        elif picked:
            parts.append(f"{len(picked)} {change} ({listing([quote(c.name) for c in picked], 4)})")
    renamed = [c for c in rows if c.change == "renamed"]
    if renamed:
        parts.append(
            f"{len(renamed)} renamed ({listing([f'{quote(c.before)} to {quote(c.after)}' for c in renamed], 3)})"
        )
    moved = [c for c in rows if c.change == "moved"]
    if moved:
        parts.append(f"{len(moved)} moved ({listing([f'{quote(c.name)}: {c.before} → {c.after}' for c in moved], 3)})")
    changed: dict[str, list[str | None]] = {}
    for c in rows:
        if c.change == "changed":
            changed.setdefault(c.name, []).append(c.field)
    if changed:
        parts.append(
            f"{len(changed)} changed ({listing([f'{quote(n)}: {listing(_words(f))}' for n, f in changed.items()], 3)})"
        )
    return sentence(f"{title}: {'; '.join(parts)}")


# ---------------------------------------------------------------- content


def _cells(changes: Sequence[Difference]) -> str:
    rows = [c for c in changes if c.what == "cell"]
    if not rows:
        return ""
    kinds = Counter(c.change for c in rows)
    lanes = Counter(c.where for c in rows)
    counts = [f"{kinds[k]} {k}" for k in ("changed", "added", "removed") if kinds[k]]
    per_lane = listing([f"{lane} {n}" for lane, n in lanes.items()], 6)
    return sentence(f"cells: {listing(counts)} ({per_lane})")


def _metrics(p: Pair, changes: Sequence[Difference]) -> list[str]:
    out = []
    for lane_id, lane in p.b.lanes.items():
        rows = [c for c in changes if c.what == "metric" and c.lane_id == lane_id]
        if not rows:
            continue
        show = _metric_format(lane)
        text = f"{lane['name']}: {plural(len(rows), 'value')} changed"
        moves = [c for c in rows if c.delta is not None]
        if moves:
            top = max(moves, key=lambda c: abs(c.delta or 0.0))
            old, new = value_of(top.before) or 0.0, value_of(top.after) or 0.0
            better = lane.get("higher_is_better")
            verdict = "" if better is None else " (better)" if (new > old) == bool(better) else " (worse)"
            text += f"; the largest: at {quote(top.name)} it {movement(old, new, show)}{verdict}"
        out.append(sentence(text))
    return out


def _metric_format(lane: dict[str, Any]) -> Callable[[float], str]:
    def show(value: float) -> str:
        return format_metric(value, lane.get("format"), lane.get("unit"))

    return show


def _cards(p: Pair, changes: Sequence[Difference]) -> list[str]:
    per_lane: dict[str, Counter[str]] = {}
    seen: set[tuple[str, str | None]] = set()
    for c in changes:
        if c.what != "card" or (c.change, c.id) in seen:
            continue
        seen.add((c.change, c.id))
        side = p.a if c.change == "removed" else p.b
        per_lane.setdefault(side.name("lane", c.lane_id), Counter())[c.change] += 1
    return [
        sentence(
            f"cards in {lane}: {listing([f'{n[k]} {k}' for k in ('added', 'removed', 'edited', 'moved') if n[k]])}"
        )
        for lane, n in per_lane.items()
    ]


def _blueprint(changes: Sequence[Difference]) -> str:
    parts = []
    for what, title in (("annotation", "annotations"), ("connection", "arrows")):
        kinds = Counter(c.change for c in changes if c.what == what)
        if kinds:
            parts.append(f"{title}: {listing([f'{n} {k}' for k, n in kinds.items()])}")
    return sentence("; ".join(parts)) if parts else ""


# ---------------------------------------------------------------- emotion


def _emotions(p: Pair, changes: Sequence[Difference]) -> list[str]:
    out = []
    emotion_lanes = [lane_id for lane_id, lane in p.b.lanes.items() if lane["kind"] == "emotion"]
    for new_lane in emotion_lanes:
        old_lane = p.lanes.back.get(new_lane)
        for old_persona, new_persona in p.personas.pairs.items():
            rows = [c for c in changes if c.what == "emotion" and c.lane_id == new_lane and c.persona_id == new_persona]
            phrases = [_emotion_phrase(c) for c in sorted(rows, key=lambda c: -abs(c.delta or 0.0))]
            # The whole curve, when the changes listed do not tell it all (other steps, or many changes).
            whole = old_lane and (len(phrases) > 3 or p.steps.added or p.steps.removed)
            overall = _overall(p, old_lane, new_lane, old_persona, new_persona) if old_lane and whole else ""
            if not phrases and not overall:
                continue
            who = p.b.name("persona", new_persona)
            if len(emotion_lanes) > 1:
                who += f" ({p.b.name('lane', new_lane)})"
            text = listing(phrases, 3) + (f"; {overall}" if phrases and overall else overall)
            out.append(sentence(f"for {who}, {text}"))
    return out


def _emotion_phrase(c: Difference) -> str:
    old, new = value_of(c.before), value_of(c.after)
    if old is None:
        return f"emotion at {quote(c.name)} is now {number(new or 0.0)} (no value before)"
    if new is None:
        return f"emotion at {quote(c.name)} has no value now (it was {number(old)})"
    return emotion_at(c.name, old, new)


def _overall(p: Pair, old_lane: str, new_lane: str, old_persona: str, new_persona: str) -> str:
    """Across all steps of each map: the average and the low point, when the curves differ."""
    old = curve(p.a.doc, old_lane, old_persona)
    new = curve(p.b.doc, new_lane, new_persona)
    if (
        not old
        or not new
        or ([s["name"] for s, _ in old], [v for _, v in old]) == ([s["name"] for s, _ in new], [v for _, v in new])
    ):
        return ""
    old_mean = sum(v for _, v in old) / len(old)
    new_mean = sum(v for _, v in new) / len(new)
    text = f"over all steps, the average {movement(round(old_mean, 2), round(new_mean, 2))}"
    old_low, new_low = min(old, key=lambda sv: sv[1]), min(new, key=lambda sv: sv[1])
    if old_low[0]["name"] != new_low[0]["name"]:
        text += (
            f" and the low point moves from {number(old_low[1])} at {quote(old_low[0]['name'])}"
            f" to {number(new_low[1])} at {quote(new_low[0]['name'])}"
        )
    elif old_low[1] != new_low[1]:
        text += f" and the low point, {quote(new_low[0]['name'])}, {movement(old_low[1], new_low[1])}"
    return text
