"""JourneyState: a journey's state (the document, revision, history slots) and its reading side.

JSON in and out, views of personas, stages, steps and lanes, ids by id or name, cells and cards.
The base of :class:`~jmwidget.model.Journey`; the other parts build on it.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar

from ._document import document_json, new_document, require_valid
from ._errors import DocumentError, OperationError
from ._evidence import cell_number, evidence_of
from ._lookups import find_card
from ._patches import Patch, Recorder, TargetKey
from ._views import Change, Lane, Origin, Persona, Stage, Step

_J = TypeVar("_J", bound="JourneyState")


class JourneyState:
    """The document and its history slots, JSON in and out, and reading without changing anything."""

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
        doc = new_document(title)
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
        require_valid(doc)
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
    def from_dict(cls: type[_J], data: Mapping[str, Any], *, copy: bool = True) -> _J:
        """Build a journey from a document dict; raise DocumentError naming every problem.

        Documents of an older schema version are upgraded first (see :mod:`jmwidget.model`).
        ``copy=False`` takes ``data`` itself (faster for a large map); do not use it afterwards.
        """
        return cls._build(dict(data) if copy else data, copy_data=copy)  # type: ignore[arg-type]

    @classmethod
    def from_json(cls: type[_J], text: str | bytes) -> _J:
        """Load a journey from JSON text (see :meth:`to_json`)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError([("$", f"not JSON: {exc}")]) from None
        if not isinstance(data, dict):
            raise DocumentError([("$", "a journey document is a JSON object")])
        return cls._build(data, copy_data=False)  # freshly parsed: no copy needed

    @classmethod
    def _build(cls: type[_J], data: dict[str, Any], *, copy_data: bool) -> _J:
        """A journey of ``data``, upgraded and validated (a copy of it unless ``copy_data`` is false)."""
        from ._migrations import upgrade  # every entry point upgrades older documents (v1 maps gain blueprint parts)

        # Raises NotAJourneyError / UnsupportedVersionError before any validation.
        doc, _notes = upgrade(data, copy_data=copy_data)
        if isinstance(doc.get("lanes"), list):
            for rows in (doc.get("cells"), doc.get("annotations")):
                if not isinstance(rows, dict):
                    continue
                for lane in doc["lanes"]:
                    if isinstance(lane, dict) and isinstance(lane.get("id"), str):
                        rows.setdefault(lane["id"], {})
        require_valid(doc)
        journey = cls.__new__(cls)
        journey._init(doc)  # noqa: SLF001 - a new instance of this class, set up here
        return journey

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the document."""
        return copy.deepcopy(self._doc)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The document as JSON with a stable key order."""
        return document_json(self._doc, indent=indent)

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

    # ------------------------------------------------------------ ids by id or name, cells and cards

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
        """The value of one cell (a copy); emotion cells give the persona's number.

        Emotion and metric cells give the plain number even when evidence stands behind it
        (see :meth:`evidence`).
        """
        lane_id, step_id = self.lane_id(lane), self.step_id(step)
        value = self._doc["cells"].get(lane_id, {}).get(step_id)
        kind = self.lane(lane_id).kind
        if kind == "emotion":
            pid = self.persona_id(persona) if persona else self._doc["personas"][0]["id"]
            return None if value is None else cell_number(value.get(pid))
        if kind == "metric":
            return cell_number(value)
        return copy.deepcopy(value)

    def evidence(self, lane: str, step: str, *, persona: str | None = None) -> dict[str, Any] | None:
        """The evidence behind an emotion or metric value: ``{"value", "n"?, "sd"?, "low"?, "high"?}``
        (a copy); ``{"value": x}`` for a plain number, ``None`` for an empty cell.

        Emotion cells give ``persona``'s (default: the first persona). Raises
        :class:`OperationError` for a lane of another kind.
        """
        lane_id, step_id = self.lane_id(lane), self.step_id(step)
        found = self.lane(lane_id)
        if found.kind not in ("emotion", "metric"):
            raise OperationError(
                f"lane {found.name!r} is a {found.kind} lane; evidence stands behind emotion and metric values"
            )
        value = self._doc["cells"].get(lane_id, {}).get(step_id)
        if found.kind == "emotion":
            pid = self.persona_id(persona) if persona else self._doc["personas"][0]["id"]
            value = None if value is None else value.get(pid)
        elif persona is not None:
            raise OperationError(f"lane {found.name!r} is a metric lane; persona applies to emotion lanes only")
        return evidence_of(value)

    def cards(self, lane: str, step: str) -> list[dict[str, Any]]:
        """The cards in one cell of a cards lane (copies)."""
        return list(self.get_cell(lane, step) or [])

    def card(self, card_id: str) -> dict[str, Any]:
        """One card by id, with its ``lane`` and ``step``."""
        lane_id, step_id, index = find_card(self._doc, card_id)
        return {**self._doc["cells"][lane_id][step_id][index], "lane": lane_id, "step": step_id}
