"""One difference between two maps: a row of ``Diff.to_pandas()``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from ..model._targets import Key

What = Literal[
    "map", "persona", "stage", "step", "lane", "cell", "emotion", "metric", "annotation", "card", "connection"
]  # fmt: skip
ChangeKind = Literal["added", "removed", "renamed", "moved", "changed", "edited"]

#: The columns of ``Diff.to_pandas()``, in order.
COLUMNS = (
    "what",
    "change",
    "name",
    "where",
    "field",
    "before",
    "after",
    "delta",
    "matched_by",
    "id",
    "before_id",
    "lane_id",
    "step_id",
    "persona_id",
)


@dataclass(frozen=True)
class Difference:
    """One change from the first map to the second.

    * ``what``: ``map`` (a map field), ``persona``, ``stage``, ``step``, ``lane``, ``cell`` (a text
      or channels cell), ``emotion`` (one persona's value), ``metric``, ``annotation`` (a cell's
      blueprint note), ``card`` or ``connection``;
    * ``change``: ``added``, ``removed``, ``renamed``, ``moved``, ``changed`` (a value or a
      setting), or ``edited`` (a card);
    * ``name``: what it is (a step's or lane's name, a card's text, an arrow's ends, a map field;
      for cells, the step); ``where``: where it sits (a step's stage, a card's "Lane, Step", a
      cell's lane); ``field``: the part that changed (``name``, ``zone``, ``text``, ``impact``,
      ``fail_point``, ...);
    * ``before``, ``after``: the values (positions for moves), and ``delta`` (after - before) for
      numbers;
    * ``matched_by``: how the item was found in both maps, ``id``, ``name`` or ``ends``
      (arrows); None for what is in one map only;
    * ids: ``id`` of the item in the second map (the first map's when removed), ``before_id`` in
      the first; ``lane_id``, ``step_id``, ``persona_id`` locate it (second map's ids when it is
      there).

    ``targets`` are the merge targets (:mod:`jmwidget.model`) this difference accounts for, in
    each map's own ids.
    """

    what: What
    change: ChangeKind
    name: str
    where: str = ""
    field: str | None = None
    before: Any = None
    after: Any = None
    delta: float | None = None
    matched_by: str | None = None
    id: str | None = None
    before_id: str | None = None
    lane_id: str | None = None
    step_id: str | None = None
    persona_id: str | None = None
    targets: frozenset[Key] = dataclasses.field(default=frozenset(), repr=False, compare=False)

    def row(self) -> dict[str, Any]:
        """The difference as a row of :data:`COLUMNS`."""
        return {column: getattr(self, column) for column in COLUMNS}
