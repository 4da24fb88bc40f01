"""``refresh``: recompute every binding of a map from its sources, keeping people's edits.

The rules (one change, undone as one step):

* a value equal to the one in the map is no change: when nothing differs there is no revision
  and no undo entry, so no browser edit in flight is rejected;
* a value that differs from what the last refresh wrote there was edited by a person: it is kept
  and reported (in the :class:`RefreshReport` and as a :class:`HandEditKeptWarning`) unless
  ``overwrite=True``. Before a binding's first refresh nothing is a person's edit: binding a lane
  hands it to the data;
* cards from data are found again by their key (step and category): they keep their id, colour,
  tag, impact and annotations, and only their text follows the data; a card whose text a person
  changed, or that a person deleted, is left so; cards people added are never touched;
* each binding records its refresh (when, rows read, source, what it wrote) in the same change.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import narwhals.stable.v2 as nw

from ..model import JourneyError
from ..model._lookups import id_batch
from ._computation import Computation
from ._frames import collect_rows, lazy_frame
from ._refresh_plan import Plan, plan_binding

if TYPE_CHECKING:
    import pandas as pd

    from ..model import Journey


class HandEditKeptWarning(UserWarning):
    """A refresh kept values people had edited since the last refresh (the data differs)."""


@dataclass
class RefreshReport:
    """What a refresh changed, what it kept because a person had edited it, and what it left out.

    ``changed`` and ``kept`` hold one dict per cell or card (binding, lane, step, before, after);
    ``skipped`` the bindings whose source was not given; ``unmatched`` the data's steps that are
    not in the map; ``revision`` the map's revision after the change (None: nothing changed).
    """

    changed: list[dict[str, Any]] = field(default_factory=list)
    kept: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    revision: int | None = None

    def to_pandas(self) -> pd.DataFrame:
        """One row per changed or kept cell or card: ``what`` (changed/kept), binding, lane, step, before, after."""
        import pandas as pd

        rows = [{"what": "changed", **row} for row in self.changed] + [{"what": "kept", **row} for row in self.kept]
        return pd.DataFrame(rows, columns=["what", "binding", "lane", "step", "before", "after"])

    def __str__(self) -> str:
        parts = [f"{len(self.changed)} changed", f"{len(self.kept)} kept as edited by hand"]
        if self.skipped:
            parts.append(f"skipped (no source given): {', '.join(self.skipped)}")
        if self.unmatched:
            parts.append(f"steps not in the map: {', '.join(self.unmatched)}")
        return "refresh: " + "; ".join(parts)


def refresh(journey: Journey, *, overwrite: bool = False, **sources: Any) -> RefreshReport:
    """Recompute every binding of ``journey`` whose source is given (``events=df, ...``), as one change.

    Sources are any frame :mod:`jmwidget.data` reads (pandas, polars, DuckDB, PySpark). Bindings
    whose source is not given are listed in ``skipped``; a source no binding reads is an error.
    Returns a :class:`RefreshReport`.
    """
    _check_sources(journey, sources)
    report = RefreshReport()
    rows_read = {name: _count_rows(frame, name) for name, frame in sources.items()}
    plans: list[Plan] = []
    results: dict[Computation, Any] = {}  # lanes bound to one computation share its run
    for binding in journey.bindings:
        if binding.source not in sources:
            report.skipped.append(binding.id)
            continue
        computation = Computation.from_dict(binding.compute)
        if computation not in results:
            results[computation] = computation.run(sources[binding.source])
        plans.append(plan_binding(journey, binding, (computation, results[computation]), overwrite))
    for plan in plans:
        report.changed += plan.changed
        report.kept += plan.kept
        report.unmatched += [step for step in plan.unmatched if step not in report.unmatched]
    _warn(report)
    if not any(plan.ops or plan.run_differs(rows_read[plan.binding.source]) for plan in plans):
        return report
    at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    with journey.transaction("refresh from data"), id_batch(journey.document):  # type: ignore[arg-type]
        for plan in plans:
            for op in plan.ops:
                journey.apply(op)
            run = plan.run(at, rows_read[plan.binding.source])
            journey.apply({"op": "set_binding_run", "binding": plan.binding.id, "run": run})
    report.revision = journey.revision
    return report


def _check_sources(journey: Journey, sources: dict[str, Any]) -> None:
    read = {binding.source for binding in journey.bindings}
    unknown = [name for name in sources if name not in read]
    if unknown:
        names = ", ".join(sorted(read)) or "none (bind a lane first)"
        raise JourneyError(f"refresh: no binding reads the source {unknown[0]!r}; the bindings read: {names}")


def _count_rows(frame: Any, name: str) -> int | None:
    """The rows in a source, counted where the data lives (one small query)."""
    (row,) = collect_rows(lazy_frame(frame, f"refresh: source {name!r}").select(nw.len().alias("rows")))
    return None if row["rows"] is None else int(row["rows"])


def _warn(report: RefreshReport) -> None:
    if report.kept:
        where = "; ".join(f"lane {k['lane']!r} at {k['step']!r}" for k in report.kept[:5])
        more = f" and {len(report.kept) - 5} more" if len(report.kept) > 5 else ""
        warnings.warn(
            HandEditKeptWarning(
                f"refresh kept {len(report.kept)} value(s) edited by hand since the last refresh: {where}{more} "
                "(refresh(..., overwrite=True) replaces them with the data)"
            ),
            stacklevel=4,
        )
    if report.unmatched:
        warnings.warn(
            f"refresh: the data has steps the map does not: {', '.join(map(repr, report.unmatched))}; "
            "their rows were left out",
            stacklevel=4,
        )


__all__ = ["HandEditKeptWarning", "RefreshReport", "refresh"]
