"""The class map: the template's structure holding what the whole class wrote.

Each student's map is matched to the template (:func:`jmwidget.compare`: by id, then by name).
Per step, emotion (per persona) and metric values become the class mean, with n, sd and a 95%
interval in the statistics frame (and in the cell itself once the schema takes evidence, see
:func:`._stats.stored_value`); where no student gave a value, the template's stays. Text cells
gather every student's text as ``"ana: ..."`` lines after the template's; cards are the
template's, then each student's new or changed cards with the author in front (``"ana: ..."``,
keeping colour, tag and impact); channels are the union. What a student put in a step or lane
the template has not is listed in ``left_out``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..diff import Diff, compare
from ..model import Journey
from ..model._lookups import all_ids, new_id
from ..prose import quote, value_of
from ._stats import Stats, evidence_supported, stored_value

if TYPE_CHECKING:
    import pandas as pd

#: The longest text a cell or card holds (the schema's LongText).
TEXT_LIMIT = 5000
STATS_COLUMNS = (
    "kind", "lane_id", "lane", "step_id", "step", "persona_id", "persona", "n", "mean", "sd", "low", "high",
    "smallest", "largest",
)  # fmt: skip
LEFT_OUT_COLUMNS = ("map", "what", "name", "message")


@dataclass
class ClassMap:
    """The merged class map (``journey``), its per-step statistics (``stats``: one row per emotion
    value and persona, and per metric value; columns :data:`STATS_COLUMNS`), what could not be
    placed (``left_out``), and how values are stored (``"mean"``, or ``"evidence"`` once the
    schema takes evidence objects)."""

    journey: Journey
    stats: pd.DataFrame
    left_out: pd.DataFrame
    stored_as: Literal["mean", "evidence"]

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.journey._repr_mimebundle_(**kwargs)


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


class _Merger:
    """Builds the class map cell by cell from the template and each student's matched cells."""

    def __init__(self, maps: Mapping[str, Journey], template: Journey, title: str | None) -> None:
        self.template = template
        self.doc = template.to_dict()
        self.doc["title"] = title or f"{template.title} (class of {len(maps)})"
        self.diffs: dict[str, Diff] = {name: compare(template, journey) for name, journey in maps.items()}
        self.pairs = {name: {k: d.pairs(k) for k in ("lane", "step", "persona")} for name, d in self.diffs.items()}
        self.taken = all_ids(self.doc)
        self.stats: list[dict[str, Any]] = []
        scale = self.doc["emotion_scale"]
        # Emotion on another scale (say -2..2 against 1..5) is not averaged with the rest.
        self.other_scale = {
            name: journey.document["emotion_scale"]
            for name, journey in maps.items()
            if (journey.document["emotion_scale"]["min"], journey.document["emotion_scale"]["max"])
            != (scale["min"], scale["max"])
        }

    def student_cell(self, name: str, lane_id: str, step_id: str) -> tuple[bool, Any]:
        """Whether the student's map has this lane and step, and the value of its cell."""
        lane, step = self.pairs[name]["lane"].get(lane_id), self.pairs[name]["step"].get(step_id)
        if lane is None or step is None:
            return False, None
        return True, self.diffs[name].after["cells"].get(lane, {}).get(step)

    def merge(self) -> None:
        steps = [(t["id"], t["name"]) for s in self.doc["stages"] for t in s["steps"]]
        for lane in self.doc["lanes"]:
            for step_id, step in steps:
                merge_cell = getattr(self, f"_{lane['kind']}")
                merge_cell(lane, step_id, step)

    def _record(self, kind: str, lane: dict[str, Any], step: tuple[str, str], persona: Any, stats: Stats) -> None:
        self.stats.append(
            {"kind": kind, "lane_id": lane["id"], "lane": lane["name"], "step_id": step[0], "step": step[1],
             "persona_id": persona["id"] if persona else None, "persona": persona["name"] if persona else None,
             "n": stats.n, "mean": stats.mean, "sd": stats.sd, "low": stats.low, "high": stats.high,
             "smallest": stats.smallest, "largest": stats.largest}
        )  # fmt: skip

    def _emotion(self, lane: dict[str, Any], step_id: str, step: str) -> None:
        scale = self.doc["emotion_scale"]
        for persona in self.doc["personas"]:
            values = []
            for name in (n for n in self.diffs if n not in self.other_scale):
                found, cell = self.student_cell(name, lane["id"], step_id)
                theirs = self.pairs[name]["persona"].get(persona["id"])
                value = value_of((cell or {}).get(theirs)) if found and theirs else None
                if value is not None:
                    values.append(value)
            if values:
                stats = Stats.of(values, bounds=(scale["min"], scale["max"]))
                self.doc["cells"][lane["id"]].setdefault(step_id, {})[persona["id"]] = stored_value(stats)
                self._record("emotion", lane, (step_id, step), persona, stats)

    def _metric(self, lane: dict[str, Any], step_id: str, step: str) -> None:
        values = [value_of(self.student_cell(name, lane["id"], step_id)[1]) for name in self.diffs]
        numbers = [v for v in values if v is not None]
        if numbers:
            stats = Stats.of(numbers)
            self.doc["cells"][lane["id"]][step_id] = stored_value(stats)
            self._record("metric", lane, (step_id, step), None, stats)

    def _text(self, lane: dict[str, Any], step_id: str, step: str) -> None:
        own = self.doc["cells"][lane["id"]].get(step_id) or ""
        lines = [own] if own else []
        for name in self.diffs:
            text = self.student_cell(name, lane["id"], step_id)[1]
            if isinstance(text, str) and text.strip() and text.strip() != own.strip():
                lines.append(f"{name}: {' '.join(text.split())}")
        if lines:
            self.doc["cells"][lane["id"]][step_id] = _cut("\n".join(lines))

    def _channels(self, lane: dict[str, Any], step_id: str, step: str) -> None:
        channels = list(self.doc["cells"][lane["id"]].get(step_id) or [])
        for name in self.diffs:
            channels += self.student_cell(name, lane["id"], step_id)[1] or []
        channels = list(dict.fromkeys(channels))
        self.doc["channels"] += [c for c in channels if c not in self.doc["channels"]]
        if channels:
            self.doc["cells"][lane["id"]][step_id] = channels

    def _cards(self, lane: dict[str, Any], step_id: str, step: str) -> None:
        cards = list(self.doc["cells"][lane["id"]].get(step_id) or [])
        known = {" ".join(c["text"].split()) for c in cards}
        for name in self.diffs:
            for card in self.student_cell(name, lane["id"], step_id)[1] or []:
                if " ".join(card["text"].split()) in known:
                    continue  # the template's own card, untouched
                card_id = new_id(self.doc, f"{name}-{card['id']}", "card", self.taken)
                self.taken.add(card_id)
                extra = {k: card[k] for k in ("color", "tag", "impact") if k in card}
                cards.append({"id": card_id, "text": _cut(f"{name}: {card['text']}"), **extra})
        if cards:
            self.doc["cells"][lane["id"]][step_id] = cards

    def left_out(self) -> list[dict[str, Any]]:
        scale = self.doc["emotion_scale"]
        rows = [
            {"map": name, "what": "emotion scale", "name": f"{theirs['min']} to {theirs['max']}",
             "message": f"{name}'s emotion scale ({theirs['min']} to {theirs['max']}) is not the template's "
                        f"({scale['min']} to {scale['max']}): their emotion values are left out"}
            for name, theirs in self.other_scale.items()
        ]  # fmt: skip
        for name, diff in self.diffs.items():
            for change in diff:
                if change.change == "added" and change.what in ("step", "lane", "persona"):
                    where = f" (in {change.where})" if change.where else ""
                    what = f"{name}'s {change.what} {quote(change.name)}{where}"
                    message = f"{what} is not in the template: its content is left out"
                    rows.append({"map": name, "what": change.what, "name": change.name, "message": message})
        return rows


def merge(maps: Mapping[str, Journey], template: Journey, *, title: str | None = None) -> ClassMap:
    """The class map of ``maps`` on ``template``'s structure; see the module docstring."""
    import pandas as pd

    merger = _Merger(maps, template, title)
    merger.merge()
    journey = Journey.from_dict(merger.doc, copy=False)
    return ClassMap(
        journey=journey,
        stats=pd.DataFrame(merger.stats, columns=list(STATS_COLUMNS)),
        left_out=pd.DataFrame(merger.left_out(), columns=list(LEFT_OUT_COLUMNS)),
        stored_as="evidence" if evidence_supported() else "mean",
    )
