"""The Journey document model: pure Python, no Jupyter import."""

from __future__ import annotations

import contextlib
import copy
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ._blueprint import (
    ANNOTATION_FIELDS,
    BlueprintLine,
    Connection,
    Endpoint,
    blueprint_lines,
    connection_view,
    lanes_by_zone,
)
from ._checks import check_document
from ._errors import ConflictError, DocumentError, JourneyError, OperationError
from ._lookups import all_ids, find_card, find_step, step_name
from ._ops import perform
from ._patches import Patch, Recorder, TargetKey
from ._validation import SCHEMA_NAME, SCHEMA_VERSION, validate_document, validate_operation
from ._values import check_scale

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

Origin = Literal["python", "browser", "undo", "redo", "load"]
HISTORY_LIMIT = 1000


@dataclass(frozen=True)
class Step:
    """A step (a column of the map), inside a stage."""

    id: str
    name: str
    stage_id: str


@dataclass(frozen=True)
class Stage:
    """A stage (phase) holding steps in order."""

    id: str
    name: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Lane:
    """A lane (a row of the map) of one kind."""

    id: str
    name: str
    kind: str
    unit: str | None = None
    format: str | None = None
    description: str | None = None
    higher_is_better: bool | None = None
    zone: str | None = None


@dataclass(frozen=True)
class Persona:
    """Who the journey is about."""

    id: str
    name: str
    role: str = ""
    goals: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    quote: str = ""
    backstory: str = ""


@dataclass(frozen=True)
class Change:
    """One applied change, as passed to ``Journey.observe`` callbacks."""

    revision: int
    origin: Origin
    label: str
    op: dict[str, Any] | None
    patches: list[Patch]
    inverse: list[Patch]
    targets: frozenset[TargetKey] = field(default_factory=frozenset)
    req: str | None = None


def _default_doc(title: str) -> dict[str, Any]:
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "title": title,
        "description": "",
        "scenario": "",
        "state": "current",
        "personas": [
            {"id": "persona", "name": "Customer", "role": "", "goals": [], "needs": [], "quote": "", "backstory": ""}
        ],
        "emotion_scale": {"min": 1, "max": 5, "neutral": 3},
        "channels": [],
        "stages": [],
        "lanes": [],
        "cells": {},
        "annotations": {},
        "connections": [],
    }


class Journey:
    """A customer journey map: personas, stages of steps (columns) and typed lanes (rows).

    Every change goes through a validated, invertible operation; ``undo``/``redo`` cover all of
    them, and ``observe`` callbacks see each one.

    >>> j = Journey("Renew a passport")
    >>> s = j.add_stage("Prepare", steps=["Find form", "Take photo"])
    >>> emotion = j.add_lane("Emotion", kind="emotion")
    >>> j.set_cell(emotion, "Take photo", 2)
    >>> j.get_cell("Emotion", "Take photo")
    2
    """

    def __init__(
        self,
        title: str = "Untitled journey",
        *,
        description: str = "",
        scenario: str = "",
        state: Literal["current", "future"] = "current",
        persona: str | Mapping[str, Any] | None = None,
        emotion_scale: tuple[int, int, float] | None = None,
        channels: list[str] | None = None,
    ) -> None:
        doc = _default_doc(title)
        doc.update(description=description, scenario=scenario, state=state)
        if persona is not None:
            data = {"name": persona} if isinstance(persona, str) else dict(persona)
            doc["personas"][0].update(data)
            doc["personas"][0]["id"] = data.get("id") or "persona"
        if emotion_scale is not None:
            low, high, neutral = emotion_scale
            doc["emotion_scale"] = {"min": low, "max": high, "neutral": neutral}
        if channels is not None:
            doc["channels"] = list(dict.fromkeys(channels))
        _validate(doc)
        self._init(doc)

    def _init(self, doc: dict[str, Any]) -> None:
        self._doc = doc
        self._revision = 0
        self._undo: list[tuple[str, list[Patch], list[Patch]]] = []
        self._redo: list[tuple[str, list[Patch], list[Patch]]] = []
        self._observers: list[Callable[[Change], None]] = []
        self._target_revs: dict[TargetKey, tuple[int, Origin]] = {}
        self._txn: Recorder | None = None
        self._txn_ops: list[dict[str, Any]] = []
        # Held while a change is applied; snapshot() takes it for a consistent copy on other threads.
        self._lock = threading.RLock()

    # ------------------------------------------------------------ JSON

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Journey:
        """Build a journey from a document dict; raise DocumentError naming every problem.

        Documents of an older schema version are upgraded first (see :mod:`jmwidget.model`).
        """
        from ._migrations import upgrade  # every entry point upgrades older documents (v1 maps gain blueprint parts)

        # Raises NotAJourneyError / UnsupportedVersionError before any validation; returns a deep copy.
        doc, _notes = upgrade(dict(data))
        if isinstance(doc.get("lanes"), list):
            for rows in (doc.get("cells"), doc.get("annotations")):
                if not isinstance(rows, dict):
                    continue
                for lane in doc["lanes"]:
                    if isinstance(lane, dict) and isinstance(lane.get("id"), str):
                        rows.setdefault(lane["id"], {})
        _validate(doc)
        journey = cls.__new__(cls)
        journey._init(doc)  # noqa: SLF001 - a new instance of this class, set up here
        return journey

    @classmethod
    def from_json(cls, text: str | bytes) -> Journey:
        """Load a journey from JSON text (see :meth:`to_json`)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError([("$", f"not JSON: {exc}")]) from None
        if not isinstance(data, dict):
            raise DocumentError([("$", "a journey document is a JSON object")])
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the document."""
        return copy.deepcopy(self._doc)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The document as JSON with a stable key order."""
        return document_json(self._doc, indent=indent)

    def copy(self) -> Journey:
        """An independent copy of the document (no history, no observers)."""
        return Journey.from_dict(self._doc)

    def __copy__(self) -> Journey:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> Journey:
        return self.copy()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Journey.from_dict, (self._doc,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Journey) and self._doc == other._doc

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        doc = self._doc
        steps = sum(len(s["steps"]) for s in doc["stages"])
        return f"<Journey {self.title!r}: {len(doc['stages'])} stages, {steps} steps, {len(doc['lanes'])} lanes>"

    # ------------------------------------------------------------ reading

    @property
    def revision(self) -> int:
        """Counts applied changes; the widget's sync uses it."""
        return self._revision

    @property
    def document(self) -> Mapping[str, Any]:
        """The live document, read-only: views and adapters read it without copying.

        Never change it (every change is an operation, see :meth:`apply`); take :meth:`to_dict`
        for a copy of your own, or :meth:`snapshot` from another thread.
        """
        return self._doc

    def snapshot(self) -> tuple[int, dict[str, Any]]:
        """The revision and a deep copy of the document, taken together (safe from any thread)."""
        with self._lock:
            return self._revision, copy.deepcopy(self._doc)

    title = property(lambda self: self._doc["title"], lambda self, v: self.edit(title=v), doc="The map's title.")
    description = property(lambda self: self._doc["description"], lambda self, v: self.edit(description=v))
    scenario = property(lambda self: self._doc["scenario"], lambda self, v: self.edit(scenario=v))
    state = property(lambda self: self._doc["state"], lambda self, v: self.edit(state=v))
    channels = property(lambda self: tuple(self._doc["channels"]), lambda self, v: self.edit(channels=list(v)))

    @property
    def emotion_scale(self) -> tuple[int, int, float]:
        """``(min, max, neutral)`` of the emotion scale."""
        s = self._doc["emotion_scale"]
        return (s["min"], s["max"], s["neutral"])

    @property
    def personas(self) -> tuple[Persona, ...]:
        return tuple(
            Persona(**{**p, "goals": tuple(p["goals"]), "needs": tuple(p["needs"])}) for p in self._doc["personas"]
        )

    @property
    def stages(self) -> tuple[Stage, ...]:
        return tuple(
            Stage(s["id"], s["name"], tuple(Step(t["id"], t["name"], s["id"]) for t in s["steps"]))
            for s in self._doc["stages"]
        )

    @property
    def steps(self) -> tuple[Step, ...]:
        """All steps, in map order."""
        return tuple(step for stage in self.stages for step in stage.steps)

    @property
    def lanes(self) -> tuple[Lane, ...]:
        return tuple(Lane(**lane) for lane in self._doc["lanes"])

    def _resolve(self, kind: str, ref: str, items: list[dict[str, Any]]) -> str:
        if not isinstance(ref, str):
            raise OperationError(f"a {kind} is named by its id or name, got {ref!r}")
        for item in items:
            if item["id"] == ref:
                return ref
        matches = [item["id"] for item in items if item["name"] == ref]
        if len(matches) == 1:
            return str(matches[0])
        if matches:
            raise OperationError(f"{len(matches)} {kind}s are named {ref!r}; use an id: {', '.join(matches)}")
        names = ", ".join(repr(item["name"]) for item in items) or "none yet"
        raise OperationError(f"no {kind} {ref!r} (the {kind}s: {names})")

    def stage_id(self, ref: str) -> str:
        """The id of the stage with this id or name."""
        return self._resolve("stage", ref, self._doc["stages"])

    def step_id(self, ref: str) -> str:
        """The id of the step with this id or name."""
        return self._resolve("step", ref, [t for s in self._doc["stages"] for t in s["steps"]])

    def lane_id(self, ref: str) -> str:
        """The id of the lane with this id or name."""
        return self._resolve("lane", ref, self._doc["lanes"])

    def persona_id(self, ref: str) -> str:
        """The id of the persona with this id or name."""
        return self._resolve("persona", ref, self._doc["personas"])

    def lane(self, ref: str) -> Lane:
        lane_id = self.lane_id(ref)
        return next(lane for lane in self.lanes if lane.id == lane_id)

    def get_cell(self, lane: str, step: str, *, persona: str | None = None) -> Any:
        """The value of one cell (a copy); emotion cells give the persona's number."""
        lane_id, step_id = self.lane_id(lane), self.step_id(step)
        value = self._doc["cells"].get(lane_id, {}).get(step_id)
        if self.lane(lane_id).kind == "emotion":
            pid = self.persona_id(persona) if persona else self._doc["personas"][0]["id"]
            return None if value is None else value.get(pid)
        return copy.deepcopy(value)

    def cards(self, lane: str, step: str) -> list[dict[str, Any]]:
        """The cards in one cell of a cards lane (copies)."""
        return list(self.get_cell(lane, step) or [])

    def card(self, card_id: str) -> dict[str, Any]:
        """One card by id, with its ``lane`` and ``step``."""
        lane_id, step_id, index = find_card(self._doc, card_id)
        return {**self._doc["cells"][lane_id][step_id][index], "lane": lane_id, "step": step_id}

    # ------------------------------------------------------------ observing

    def observe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change (from code, the browser, undo/redo).

        Returns a function that stops it (calling it twice is harmless), as ``unobserve`` does.
        """
        self._observers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._observers.remove(callback)

        return unsubscribe

    def unobserve(self, callback: Callable[[Change], None]) -> None:
        """Stop calling ``callback``."""
        self._observers.remove(callback)

    def _notify(self, change: Change) -> None:
        errors: list[BaseException] = []
        for callback in list(self._observers):
            try:
                callback(change)
            except Exception as exc:  # noqa: BLE001 - every observer runs; the first error is re-raised
                errors.append(exc)
        if errors:
            raise errors[0]

    # ------------------------------------------------------------ applying

    def apply(
        self,
        operation: Mapping[str, Any],
        *,
        origin: Origin = "python",
        base: int | None = None,
        req: str | None = None,
    ) -> Change | None:
        """Validate and apply one operation (see the schema's ``Operation``) atomically.

        ``base`` is the revision the editor saw; when older than :attr:`revision` the operation
        is refused with :class:`ConflictError` if it changes something changed since ``base``.
        Inside :meth:`transaction` the change is reported when the transaction ends (returns None).
        """
        with self._lock:
            return self._apply(copy.deepcopy(dict(operation)), origin=origin, base=base, req=req)

    def _apply(self, op: dict[str, Any], *, origin: Origin, base: int | None, req: str | None) -> Change | None:
        validate_operation(op)
        if self._txn is not None:
            perform(self._doc, self._txn, op)
            self._txn_ops.append(op)
            return None
        rec = Recorder(self._doc)
        try:
            perform(self._doc, rec, op)
        except BaseException:
            rec.rollback()
            raise
        conflict = self._conflict(rec, base) if base is not None and base < self._revision else None
        if conflict is not None:
            rec.rollback()
            raise ConflictError(
                f"{self._describe_target(conflict[0])} was changed {conflict[1]} after this edit began "
                f"(revision {base}); your edit was not applied"
            )
        return self._commit(rec, origin=origin, label=op.get("label") or op["op"], op=op, req=req)

    def _conflict(self, rec: Recorder, base: int) -> tuple[TargetKey, str] | None:
        """The first target ``rec`` changed that something else changed after ``base``."""
        for key in sorted(rec.targets):
            seen = self._target_revs.get(key)
            if seen is not None and seen[0] > base:
                who = "from Python" if seen[1] == "python" else f"by {seen[1]}"
                return key, f"{who} at revision {seen[0]}"
        return None

    def _describe_target(self, key: TargetKey) -> str:
        kind, *ids = key
        try:
            if kind == "cell":
                lane = self.lane(ids[0]).name
                return f"the cell {lane!r} x {step_name(self._doc, ids[1])!r}"
            if kind == "step":
                return f"step {step_name(self._doc, ids[0])!r}"
            if kind == "annotation":
                lane = self.lane(ids[0]).name
                return f"the annotations of the cell {lane!r} x {step_name(self._doc, ids[1])!r}"
            if kind == "connection":
                label = next((c.get("label") for c in self._doc["connections"] if c["id"] == ids[0]), None)
                return f"connection {ids[0]!r}" + (f" ({label!r})" if label else "")
            if kind in ("stage", "lane", "persona"):
                items = {"stage": self._doc["stages"], "lane": self._doc["lanes"], "persona": self._doc["personas"]}[
                    kind
                ]
                return f"{kind} {next(i['name'] for i in items if i['id'] == ids[0])!r}"
        except (JourneyError, StopIteration):
            pass
        if kind == "list":
            return f"the order of {ids[0]}"
        return f"the map's {ids[0] if ids else kind}"

    def _commit(
        self, rec: Recorder, *, origin: Origin, label: str, op: dict[str, Any] | None, req: str | None
    ) -> Change:
        self._revision += 1
        for key in rec.targets:
            self._target_revs[key] = (self._revision, origin)
        patches, inverse = list(rec.forward), rec.undo_patches()
        if origin == "undo":
            self._redo.append((label, inverse, patches))
        else:
            if origin != "redo":
                self._redo.clear()
            if patches:
                self._undo.append((label, patches, inverse))
                del self._undo[:-HISTORY_LIMIT]
        change = Change(self._revision, origin, label, op, patches, inverse, frozenset(rec.targets), req)
        self._notify(change)
        return change

    @contextlib.contextmanager
    def transaction(self, label: str = "edit") -> Iterator[Journey]:
        """Group changes into one atomic step: one undo entry, one change event.

        If the block raises, every change made in it is rolled back.
        """
        with self._lock:
            if self._txn is not None:
                yield self
                return
            rec = self._txn = Recorder(self._doc)
            self._txn_ops = []
            try:
                yield self
            except BaseException:
                rec.rollback()
                raise
            finally:
                self._txn = None
            if rec.forward:
                self._commit(
                    rec,
                    origin="python",
                    label=label,
                    op={"op": "batch", "label": label, "ops": self._txn_ops},
                    req=None,
                )

    def undo(self, *, req: str | None = None) -> Change | None:
        """Undo the latest change (from code or browser); None if there is nothing to undo."""
        with self._lock:
            if not self._undo:
                return None
            label, _patches, inverse = self._undo.pop()
            rec = Recorder(self._doc)
            rec.apply(inverse)
            return self._commit(rec, origin="undo", label=label, op=None, req=req)

    def redo(self, *, req: str | None = None) -> Change | None:
        """Redo the latest undone change; None if there is nothing to redo."""
        with self._lock:
            if not self._redo:
                return None
            label, patches, _inverse = self._redo.pop()
            rec = Recorder(self._doc)
            rec.apply(patches)
            return self._commit(rec, origin="redo", label=label, op=None, req=req)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # ------------------------------------------------------------ editing helpers

    def edit(self, **fields: Any) -> None:
        """Edit map fields: title, description, scenario, state, channels, emotion_scale."""
        if "emotion_scale" in fields and isinstance(fields["emotion_scale"], (tuple, list)):
            low, high, neutral = fields["emotion_scale"]
            fields["emotion_scale"] = {"min": low, "max": high, "neutral": neutral}
        if "emotion_scale" in fields:
            check_scale(fields["emotion_scale"], "edit")
        self.apply({"op": "edit_map", "fields": fields})

    def _add(self, op: dict[str, Any]) -> str:
        """Apply an add operation and return the id of what it added."""
        before = all_ids(self._doc)
        self.apply(op)
        new = all_ids(self._doc) - before
        if op["op"] == "add_stage":
            new &= {s["id"] for s in self._doc["stages"]}
        (added,) = new
        return added

    def add_persona(self, name: str, *, index: int | None = None, **fields: Any) -> str:
        """Add a persona (role, goals, needs, quote, backstory, id); return its id."""
        op: dict[str, Any] = {"op": "add_persona", "persona": {"name": name, **_listify(fields)}}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_persona(self, persona: str, **fields: Any) -> None:
        self.apply({"op": "edit_persona", "persona": self.persona_id(persona), "fields": _listify(fields)})

    def delete_persona(self, persona: str) -> None:
        self.apply({"op": "delete_persona", "persona": self.persona_id(persona)})

    def add_stage(
        self, name: str, steps: list[str] | tuple[str, ...] = (), *, index: int | None = None, id: str | None = None
    ) -> str:
        """Add a stage (optionally with step names); return its id."""
        stage: dict[str, Any] = {"name": name, "steps": [{"name": s} for s in steps]}
        if id is not None:
            stage["id"] = id
        op: dict[str, Any] = {"op": "add_stage", "stage": stage}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_stage(self, stage: str, name: str) -> None:
        self.apply({"op": "rename_stage", "stage": self.stage_id(stage), "name": name})

    def move_stage(self, stage: str, index: int) -> None:
        self.apply({"op": "move_stage", "stage": self.stage_id(stage), "index": index})

    def delete_stage(self, stage: str) -> None:
        self.apply({"op": "delete_stage", "stage": self.stage_id(stage)})

    def add_step(self, stage: str, name: str, *, index: int | None = None, id: str | None = None) -> str:
        """Add a step to a stage; return its id."""
        step: dict[str, Any] = {"name": name}
        if id is not None:
            step["id"] = id
        op: dict[str, Any] = {"op": "add_step", "stage": self.stage_id(stage), "step": step}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_step(self, step: str, name: str) -> None:
        self.apply({"op": "rename_step", "step": self.step_id(step), "name": name})

    def move_step(self, step: str, index: int, *, stage: str | None = None) -> None:
        """Move a step to ``index`` within ``stage`` (default: its own stage)."""
        op: dict[str, Any] = {"op": "move_step", "step": self.step_id(step), "index": index}
        if stage is not None:
            op["stage"] = self.stage_id(stage)
        self.apply(op)

    def delete_step(self, step: str) -> None:
        self.apply({"op": "delete_step", "step": self.step_id(step)})

    def add_lane(
        self,
        name: str,
        kind: str = "text",
        *,
        index: int | None = None,
        id: str | None = None,
        **fields: Any,
    ) -> str:
        """Add a lane of ``kind`` (text, cards, channels, emotion, metric); return its id.

        Metric lanes take ``unit``, ``format`` (percent, count, seconds, currency, score) and
        ``higher_is_better``; any lane takes ``description``.
        """
        lane: dict[str, Any] = {"name": name, "kind": kind, **{k: v for k, v in fields.items() if v is not None}}
        if id is not None:
            lane["id"] = id
        op: dict[str, Any] = {"op": "add_lane", "lane": lane}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def rename_lane(self, lane: str, name: str) -> None:
        self.edit_lane(lane, name=name)

    def edit_lane(self, lane: str, **fields: Any) -> None:
        """Edit a lane's name, description, or (metric lanes) unit, format, higher_is_better."""
        self.apply({"op": "edit_lane", "lane": self.lane_id(lane), "fields": fields})

    def move_lane(self, lane: str, index: int) -> None:
        self.apply({"op": "move_lane", "lane": self.lane_id(lane), "index": index})

    def delete_lane(self, lane: str) -> None:
        self.apply({"op": "delete_lane", "lane": self.lane_id(lane)})

    def set_cell(self, lane: str, step: str, value: Any, *, persona: str | None = None) -> None:
        """Set one cell; ``None`` clears it. Emotion cells take ``persona`` (default: the first)."""
        op: dict[str, Any] = {
            "op": "set_cell",
            "lane": self.lane_id(lane),
            "step": self.step_id(step),
            "value": _plain(value),
        }
        if persona is not None:
            op["persona"] = self.persona_id(persona)
        self.apply(op)

    def add_card(
        self,
        lane: str,
        step: str,
        text: str,
        *,
        color: str | None = None,
        tag: str | None = None,
        impact: str | None = None,
        index: int | None = None,
        id: str | None = None,
    ) -> str:
        """Add a sticky note to a cards lane; ``impact`` is trivial, work-around or abandons. Returns its id."""
        card = {
            k: v
            for k, v in {"text": text, "color": color, "tag": tag, "impact": impact, "id": id}.items()
            if v is not None
        }
        op: dict[str, Any] = {"op": "add_card", "lane": self.lane_id(lane), "step": self.step_id(step), "card": card}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_card(self, card: str, **fields: Any) -> None:
        """Edit a card's text, color, tag or impact (None removes color, tag, impact)."""
        self.apply({"op": "edit_card", "card": card, "fields": fields})

    def move_card(self, card: str, lane: str, step: str, *, index: int | None = None) -> None:
        op: dict[str, Any] = {"op": "move_card", "card": card, "lane": self.lane_id(lane), "step": self.step_id(step)}
        if index is not None:
            op["index"] = index
        self.apply(op)

    def delete_card(self, card: str) -> None:
        self.apply({"op": "delete_card", "card": card})

    # ------------------------------------------------------------ service blueprint (see blueprint.py)
    # Zones on lanes, the lines between them, connections between cells or cards, and
    # annotations (fail / wait points, duration, cost, owner) on cells or cards.

    @property
    def zones(self) -> dict[str, tuple[str, ...]]:
        """Lane ids per blueprint zone, top to bottom (evidence, customer, frontstage, backstage, support)."""
        return lanes_by_zone(self._doc["lanes"])

    @property
    def is_blueprint(self) -> bool:
        """Whether any lane is in a blueprint zone."""
        return any("zone" in lane for lane in self._doc["lanes"])

    @property
    def lines(self) -> tuple[BlueprintLine, ...]:
        """The lines of interaction, visibility and internal interaction this map has, top to bottom."""
        return blueprint_lines(self._doc["lanes"])

    def set_zone(self, lane: str, zone: str | None) -> None:
        """Put a lane in a blueprint zone (None takes it out); the zone order must still hold."""
        self.edit_lane(lane, zone=zone)

    @property
    def connections(self) -> tuple[Connection, ...]:
        """The connections (arrows) between cells and cards, in document order."""
        return tuple(connection_view(c) for c in self._doc["connections"])

    def connection_id(self, ref: str) -> str:
        """The id of the connection with this id or label."""
        items = [{"id": c["id"], "name": c.get("label", "")} for c in self._doc["connections"]]
        return self._resolve("connection", ref, items)

    def connection(self, ref: str) -> Connection:
        """One connection by id or label."""
        connection_id = self.connection_id(ref)
        return next(c for c in self.connections if c.id == connection_id)

    def _endpoint(self, ref: Any) -> dict[str, str]:
        """A connection end from a card id, ``(lane, step)``, ``(lane, step, card)`` or a mapping."""
        if isinstance(ref, str):
            lane_id, step_id, _ = find_card(self._doc, ref)
            return {"lane": lane_id, "step": step_id, "card": ref}
        if isinstance(ref, Mapping):
            ref = (ref.get("lane"), ref.get("step"), ref.get("card"))
        if isinstance(ref, (tuple, list)) and len(ref) in (2, 3):
            end = {"lane": self.lane_id(ref[0]), "step": self.step_id(ref[1])}
            if len(ref) == 3 and ref[2] is not None:
                end["card"] = ref[2]
            return end
        raise OperationError(f"a connection end is a card id, (lane, step) or (lane, step, card), got {ref!r}")

    def add_connection(
        self, from_: Any, to: Any, *, label: str | None = None, id: str | None = None, index: int | None = None
    ) -> str:
        """Add an arrow from one cell or card to another; return its id.

        Each end is a card id, a ``(lane, step)`` pair (ids or names) or ``(lane, step, card)``.
        """
        connection: dict[str, Any] = {"from": self._endpoint(from_), "to": self._endpoint(to)}
        if label is not None:
            connection["label"] = label
        if id is not None:
            connection["id"] = id
        op: dict[str, Any] = {"op": "add_connection", "connection": connection}
        if index is not None:
            op["index"] = index
        return self._add(op)

    def edit_connection(self, connection: str, **fields: Any) -> None:
        """Change a connection's ``label`` (None removes it), ``from_`` or ``to`` end."""
        unknown = set(fields) - {"label", "from_", "to"}
        if unknown:
            raise OperationError(
                f"edit_connection: unknown field(s) {', '.join(sorted(unknown))}; use label, from_, to"
            )
        changes: dict[str, Any] = {}
        if "label" in fields:
            changes["label"] = fields["label"]
        if "from_" in fields:
            changes["from"] = self._endpoint(fields["from_"])
        if "to" in fields:
            changes["to"] = self._endpoint(fields["to"])
        self.apply({"op": "edit_connection", "connection": self.connection_id(connection), "fields": changes})

    def delete_connection(self, connection: str) -> None:
        """Delete a connection (by id or label)."""
        self.apply({"op": "delete_connection", "connection": self.connection_id(connection)})

    def annotation(
        self, lane: str | None = None, step: str | None = None, *, card: str | None = None
    ) -> dict[str, Any]:
        """The annotations of a cell or a card (a copy; empty if none)."""
        if card is not None:
            return copy.deepcopy(self.card(card).get("annotations", {}))
        if lane is None or step is None:
            raise OperationError("annotation: name a cell (lane and step) or a card")
        lane_id, step_id = self.lane_id(lane), self.step_id(step)
        return copy.deepcopy(self._doc["annotations"].get(lane_id, {}).get(step_id, {}))

    def annotate(
        self, lane: str | None = None, step: str | None = None, *, card: str | None = None, **fields: Any
    ) -> None:
        """Set or clear (None) annotations of a cell or a card, in one step.

        Fields: ``fail_point`` and ``wait_point`` (a note on what fails / why the customer waits),
        ``duration`` (``(value, unit)`` with unit seconds, minutes, hours or days, or a dict),
        ``cost`` (``(amount, "EUR")`` or a dict), ``owner`` (team or role).
        """
        if not fields:
            raise OperationError(f"annotate: give at least one of {', '.join(ANNOTATION_FIELDS)}")
        values = dict(fields)
        for key, names in (("duration", ("value", "unit")), ("cost", ("amount", "currency"))):
            if isinstance(values.get(key), (tuple, list)) and len(values[key]) == 2:
                values[key] = dict(zip(names, map(_plain, values[key]), strict=True))
        op: dict[str, Any] = {"op": "set_annotation", "fields": values}
        if card is not None:
            op["card"] = card
        if lane is not None:
            op["lane"] = self.lane_id(lane)
        if step is not None:
            op["step"] = self.step_id(step)
        self.apply(op)

    def connections_frame(self) -> pd.DataFrame:
        """The connections as a pandas DataFrame; same as ``to_pandas(form="connections")``."""
        return self.to_pandas(form="connections")

    # ------------------------------------------------------------ adapters

    def to_pandas(self, form: Literal["tidy", "wide", "connections"] = "tidy") -> pd.DataFrame:
        """The map as a pandas DataFrame: ``tidy`` (one row per cell), ``wide`` (one row per step)
        or ``connections`` (one row per connection)."""
        from ..tables import to_pandas

        frame: pd.DataFrame = to_pandas(self, form=form)
        return frame

    @classmethod
    def from_pandas(cls, df: Any, **kwargs: Any) -> Journey:
        """Build a map from a table (pandas or polars); see :func:`jmwidget.tables.from_frame`."""
        from ..tables import from_frame

        journey: Journey = from_frame(df, **kwargs)
        return journey

    def update_from_pandas(self, df: Any, **kwargs: Any) -> None:
        """Set values per step from a table; see :func:`jmwidget.tables.update_from_frame`."""
        from ..tables import update_from_frame

        update_from_frame(self, df, **kwargs)

    @classmethod
    def from_template(cls, name: str) -> Journey:
        """A ready-made worked example; :func:`jmwidget.templates` lists the names."""
        from ._templates import load_template

        journey: Journey = load_template(name)
        return journey

    # ------------------------------------------------------------ rendering (see svg.py and export.py)

    def to_svg(self) -> str:
        """The map as a standalone SVG picture (pure Python); see :func:`jmwidget.pictures.to_svg`."""
        from ..pictures import to_svg

        return to_svg(self)

    def to_png(self, *, scale: float = 2.0) -> bytes:
        """The map as PNG bytes (``scale`` px per SVG px); see :func:`jmwidget.pictures.to_png`."""
        from ..pictures import to_png

        return to_png(self, scale=scale)

    def to_html(self, path: str | Path | None = None, *, charts: bool = True) -> str:
        """One self-contained, offline HTML page of the map; see :func:`jmwidget.pictures.to_html`."""
        from ..pictures import to_html

        return to_html(self, path, charts=charts)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The editable widget, with a static SVG picture for places without a widget front end."""
        try:
            from ..jupyter import JourneyWidget
        except ImportError:  # no Jupyter widget stack here: the picture alone
            from ..pictures import mimebundle

            return mimebundle(self)
        return JourneyWidget(self)._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------ files and Mermaid (see files.py, mermaid.py)

    def save(self, path: str | Path, *, format: str | None = None) -> Path:
        """Write the map to ``path`` (atomically) in the format its suffix names; see :func:`jmwidget.formats.save`."""
        from ..formats import save

        return save(self, path, format=format)

    @classmethod
    def load(cls, path: str | Path, *, format: str | None = None, **table_options: Any) -> Journey:
        """Read a map from a ``.json``, ``.csv``, ``.xlsx`` or ``.mmd`` file; see :func:`jmwidget.formats.load`."""
        from ..formats import load

        return load(path, format=format, **table_options)

    @classmethod
    def from_csv(cls, path: str | Path, **options: Any) -> Journey:
        """A map from a CSV wide table (one row per step, a column per lane); see :func:`jmwidget.formats.load`."""
        from ..formats import load_csv

        return load_csv(path, **options)

    @classmethod
    def from_excel(cls, path: str | Path, **options: Any) -> Journey:
        """A map from an ``.xlsx`` wide table; see :func:`jmwidget.formats.load`."""
        from ..formats import load_excel

        return load_excel(path, **options)

    @classmethod
    def from_mermaid(cls, text: str) -> Journey:
        """A map from Mermaid ``journey`` text; see :func:`jmwidget.formats.from_mermaid`."""
        from ..formats import from_mermaid

        return from_mermaid(text, stacklevel=3)

    def to_mermaid(self) -> str:
        """The map as a Mermaid ``journey`` diagram; warns (``MermaidWarning``) about what it leaves out."""
        from ..formats import to_mermaid

        return to_mermaid(self, stacklevel=3)


def document_json(doc: Mapping[str, Any], *, indent: int | None = 2) -> str:
    """A document as JSON text with a stable key order (what :meth:`Journey.to_json` writes)."""
    return json.dumps(doc, indent=indent, sort_keys=True, ensure_ascii=False)


def _listify(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in fields.items()}


def _plain(value: Any) -> Any:
    """Turn numpy scalars and tuples into plain JSON values."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (list, dict, str)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _validate(doc: dict[str, Any]) -> None:
    """Raise DocumentError naming every schema problem and every broken rule in ``doc``."""
    try:
        validate_document(doc)
    except DocumentError as shape:
        problems = shape.problems
        # The rules assume the schema's shape; on a broken document report what they can.
        with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
            problems += [p for p in check_document(doc) if p not in problems]
        raise DocumentError(sorted(problems)) from None
    problems = check_document(doc)
    if problems:
        raise DocumentError(problems)


__all__ = [
    "BlueprintLine",
    "Change",
    "Connection",
    "Endpoint",
    "Journey",
    "Lane",
    "Persona",
    "Stage",
    "Step",
    "document_json",
    "find_step",
]
