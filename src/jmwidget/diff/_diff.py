"""``compare(before, after)``: what changed from one map to another, as a :class:`Diff`."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..model import JourneyError
from ..model._targets import Key
from ._content import card_rows, cell_rows, connection_rows
from ._difference import COLUMNS, Difference
from ._match import METHODS
from ._pair import Pair, pair
from ._sides import document
from ._structure import lane_rows, map_rows, persona_rows, stage_rows, step_rows

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from ..model import Journey

#: The columns of :meth:`Diff.matching`.
MATCHING_COLUMNS = ("kind", "before_id", "after_id", "before_name", "after_name", "matched_by")


def compare(
    before: Journey | Mapping[str, Any], after: Journey | Mapping[str, Any], *, by: Iterable[str] = METHODS
) -> Diff:
    """What changed from ``before`` to ``after`` (two maps, or two blueprints): a :class:`Diff`.

    Stages, steps, lanes, personas and cards are found in both maps by id and, for those whose ids
    differ, by name (a card by its text; an arrow by its ends); ``by=("id",)`` matches by id
    only. ``Diff.to_pandas()`` has one row per change and says how each item was matched.

    >>> from jmwidget import Journey
    >>> current = Journey.from_template("onboarding")
    >>> future = current.copy()
    >>> future.set_cell("Emotion", "Photographs ID", 4)
    >>> diff = compare(current, future)
    >>> diff.summary().splitlines()[-1]
    "For Tomás Ruiz, emotion at 'Photographs ID' rises from 1 to 4."
    >>> compare(current, current.copy()).summary()
    "No differences between 'Opening a current account in the app' (current state) and its copy (current state)."
    """
    methods = tuple(by)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise JourneyError(f"compare(by=...): match by 'id' and/or 'name', got {methods!r}")
    return Diff(pair(document(before), document(after), methods))


class Diff:
    """The differences from one map to another (see :func:`compare`); iterate over its
    :class:`Difference` objects, or take them as a table, a summary or a chart."""

    def __init__(self, pair: Pair) -> None:
        self._pair = pair
        self.before: Mapping[str, Any] = pair.a.doc
        self.after: Mapping[str, Any] = pair.b.doc
        rows: list[Difference] = []
        for rows_of in (
            map_rows,
            persona_rows,
            stage_rows,
            step_rows,
            lane_rows,
            cell_rows,
            card_rows,
            connection_rows,
        ):
            rows += rows_of(pair)
        self.changes: tuple[Difference, ...] = tuple(rows)

    def __len__(self) -> int:
        return len(self.changes)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def __iter__(self) -> Iterator[Difference]:
        return iter(self.changes)

    def __repr__(self) -> str:
        return f"<Diff {self.before.get('title')!r} -> {self.after.get('title')!r}: {len(self)} changes>"

    def _repr_html_(self) -> str:
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in self.summary().splitlines())
        return f'<div class="jmw-diff">{paragraphs}</div>'

    def targets(self) -> set[Key]:
        """Every merge target (:mod:`jmwidget.model`) the differences account for, in each map's own ids."""
        return {key for change in self.changes for key in change.targets}

    def pairs(self, kind: str) -> dict[str, str]:
        """First-map id -> second-map id of the items of ``kind`` found in both: ``persona``,
        ``stage``, ``step``, ``lane``, ``card`` or ``connection``."""
        kinds = self._pair.kinds()
        if kind not in kinds:
            raise JourneyError(f"Diff.pairs: kind must be one of {', '.join(kinds)}, got {kind!r}")
        return dict(kinds[kind].pairs)

    def to_pandas(self) -> pd.DataFrame:
        """One row per change; columns ``what, change, name, where, field, before, after, delta,
        matched_by, id, before_id, lane_id, step_id, persona_id`` (see :class:`Difference`)."""
        import pandas as pd

        return pd.DataFrame([change.row() for change in self.changes], columns=list(COLUMNS))

    def matching(self) -> pd.DataFrame:
        """How every persona, stage, step, lane, card and arrow was found: one row per item, with
        its ids and names in both maps and ``matched_by`` (``id``, ``name``, ``ends``, or None
        for an item in one map only)."""
        import pandas as pd

        rows: list[tuple[str | None, ...]] = []
        for kind, m in self._pair.kinds().items():
            for old, new in m.pairs.items():
                rows.append(
                    (
                        kind,
                        old,
                        new,
                        self._label(kind, self._pair.a, old),
                        self._label(kind, self._pair.b, new),
                        m.how[old],
                    )
                )
            rows += [(kind, old, None, self._label(kind, self._pair.a, old), None, None) for old in m.removed]
            rows += [(kind, None, new, None, self._label(kind, self._pair.b, new), None) for new in m.added]
        return pd.DataFrame(rows, columns=list(MATCHING_COLUMNS))

    @staticmethod
    def _label(kind: str, side: Any, item_id: str) -> str:
        if kind == "card":
            return str(side.cards[item_id].card["text"])
        if kind == "connection":
            return str(side.arrow(side.connections[item_id]))
        return str(side.name(kind, item_id))

    def cells(self) -> list[dict[str, Any]]:
        """The cells a view would outline, in the second map's ids: ``{lane, step, kind, before,
        after, what}`` per cell, ``kind`` ``added``, ``removed`` or ``changed``.

        A cell is listed when its value, one of its emotion values, its annotation or its cards
        changed (cards added, removed, edited, moved in or out), and every filled cell of a step or
        lane the first map does not have is ``added``. Cells of steps and lanes that are only in
        the first map have no place in the second and are left out.
        """
        from ._cells import changed_cells

        return changed_cells(self._pair, self.changes)

    def summary(self) -> str:
        """A few plain sentences, one line each: both maps with their state (current / future),
        then what was added, removed, renamed and moved, the cells, the emotion per persona
        (in the wording of :meth:`Journey.describe`), the metrics, cards and arrows."""
        from ._summary import summary

        return summary(self._pair, self.changes)

    def chart(self, *, lane: str | None = None, height: int = 220) -> alt.TopLevelMixin:
        """Both emotion curves on one Altair chart, the difference at each shared step marked
        (a bar from before to after, green when it rises, red when it falls, and the change)."""
        from ._chart import chart

        made: alt.TopLevelMixin = chart(self._pair, lane=lane, height=height)
        return made
