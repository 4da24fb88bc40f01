"""A map and its live charts, linked by the selected step.

``dashboard(journey)`` shows the editable :class:`~jmwidget.JourneyWidget` with, under
it, ``altair.JupyterChart`` views of :func:`jmwidget.charts.emotion` and
:func:`jmwidget.charts.metric` (one per metric lane), and for a service blueprint
:func:`jmwidget.analysis.time_chart` (time per step, customer beside organisation; key
:data:`TIME_CHART` in ``.charts``).

How it stays in step:

* **Edits redraw the charts.** The dashboard observes the journey; after a change that touched
  what a chart shows (its lane's cells, the lane itself, stages, steps, and for the emotion
  chart personas and the emotion scale) it rebuilds that chart and assigns it to the
  JupyterChart's ``chart`` trait, which sends the new spec to the browser. Changes elsewhere
  (titles, text lanes, cards) redraw nothing. Adding or deleting lanes adds or removes charts.
* **Chart -> map.** Every chart has a click selection ``step`` on the field ``step_id``. The
  dashboard observes ``jchart.selections`` (``observe(callback, ["step"])``); when a click
  selects a step, the map's ``selected_step`` becomes that step. Clearing the chart's
  selection (double-click) leaves the map's selection as it is.
* **Map -> charts.** JupyterChart cannot set a *selection* from Python, so each chart also has a
  plain variable parameter ``selected_step`` (a step id, ``""`` for none) that highlights the
  step's column. When the map's ``selected_step`` changes, the dashboard sets
  ``jchart.params.selected_step``; the browser updates the highlight without a redraw. Rebuilt
  charts start with the current selection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import altair as alt
import ipywidgets

from ..analysis import time_chart as analysis_time_chart
from ..charts import emotion as emotion_chart
from ..charts import metric as metric_chart
from ..model import Change, Journey, JourneyError, Lane
from ..model._patches import TargetKey
from ._widget import JourneyWidget

_GLOBAL_TARGETS = {"stage", "step"}
#: The key of the blueprint's time chart in ``Dashboard.charts`` (no lane id starts with ':').
TIME_CHART = ":time"
#: Targets whose change can move the time chart: annotations, cells (cards carry annotations), lanes (zones).
_TIME_TARGETS = {"annotation", "annotations", "cell", "cells", "lane"}
_EMOTION_TARGETS = {"persona"}


class Dashboard(ipywidgets.Box):  # type: ignore[misc]
    """The map (``.map``) with its charts (``.charts``: lane id -> ``altair.JupyterChart``).

    ``layout="below"`` puts the charts under the map, ``"side"`` beside it (wrapping under it on
    narrow screens). Other keywords (``readonly``, ``path``, ``autosave``, ...) go to the
    :class:`~jmwidget.JourneyWidget`. See the module docstring for how edits and
    selections are kept in step.

    ``offline=True`` (the default) switches ``altair.JupyterChart`` to its offline mode, so the
    charts load Vega from vl-convert instead of a CDN: they draw in Voila apps and on machines
    without internet access. This is a global JupyterChart setting.
    """

    def __init__(
        self,
        journey: Journey,
        *,
        lanes: Sequence[str] | None = None,
        map_height: str = "420px",
        layout: Literal["below", "side"] = "below",
        offline: bool = True,
        time_chart: bool = True,
        **widget_kwargs: Any,
    ) -> None:
        if layout not in ("below", "side"):
            raise ValueError(f"dashboard layout is 'below' or 'side', got {layout!r}")
        if not isinstance(journey, Journey):
            raise TypeError(f"dashboard() takes a jmwidget.Journey, got {type(journey).__name__}")
        if offline:
            alt.JupyterChart.enable_offline()
        self.journey = journey
        self._time_chart = time_chart
        self._lane_refs = None if lanes is None else list(lanes)
        if self._lane_refs is not None:
            for ref in self._lane_refs:
                lane = journey.lane(ref)
                if lane.kind not in ("emotion", "metric"):
                    raise JourneyError(
                        f"lane {lane.name!r} is a {lane.kind} lane; the dashboard charts emotion and metric lanes"
                    )
        self.map = JourneyWidget(journey, height=map_height, **widget_kwargs)
        self.charts: dict[str, alt.JupyterChart] = {}
        self._kinds: dict[str, str] = {}
        self._note = ipywidgets.HTML(
            "<em>Add an emotion or metric lane to chart it here.</em>",
            layout=ipywidgets.Layout(display="none"),
        )
        self._charts_box = ipywidgets.VBox()
        if layout == "side":
            self.map.layout = ipywidgets.Layout(flex="3 1 640px", min_width="0")
            self._charts_box.layout = ipywidgets.Layout(flex="1 1 360px", min_width="320px", margin="0 0 0 12px")
            box_layout = ipywidgets.Layout(display="flex", flex_flow="row wrap", align_items="flex-start")
        else:
            box_layout = ipywidgets.Layout(display="flex", flex_flow="column")
        super().__init__(children=[self.map, self._charts_box], layout=box_layout)
        self._sync_charts(rebuild=set())
        self._unobserve = journey.observe(self._on_change)
        self.map.observe(self._on_map_select, names="selected_step")

    # ------------------------------------------------------------ charts

    def _chart_lanes(self) -> list[Lane]:
        """The lanes to chart now, in display order."""
        lanes = self.journey.lanes
        if self._lane_refs is None:
            emotion = [lane for lane in lanes if lane.kind == "emotion"][:1]
            return emotion + [lane for lane in lanes if lane.kind == "metric"]
        by_id = {lane.id: lane for lane in lanes}
        chosen: list[Lane] = []
        for ref in self._lane_refs:
            match = by_id.get(ref) or next((lane for lane in lanes if lane.name == ref), None)
            if match is not None and match.kind in ("emotion", "metric") and match not in chosen:
                chosen.append(match)
        return chosen

    def _wanted(self) -> list[tuple[str, Lane | None]]:
        """Chart keys to show now, in order, with their lanes (None for the time chart)."""
        wanted: list[tuple[str, Lane | None]] = [(lane.id, lane) for lane in self._chart_lanes()]
        if self._time_chart and self.journey.is_blueprint:
            wanted.append((TIME_CHART, None))
        return wanted

    def build_chart(self, lane: Lane | None) -> alt.LayerChart:
        """The chart for one lane (None: the blueprint time chart), with the map's selected step highlighted."""
        selected = self.map.selected_step
        if lane is None:
            return analysis_time_chart(self.journey, selected_step=selected)
        if lane.kind == "emotion":
            return emotion_chart(self.journey, lane=lane.id, selected_step=selected)
        return metric_chart(self.journey, lane.id, selected_step=selected)

    def _sync_charts(self, rebuild: set[str]) -> None:
        """Create, drop and rebuild charts so they match the map; ``rebuild`` names stale ones."""
        wanted = self._wanted()
        wanted_ids = [key for key, _ in wanted]
        for lane_id in [k for k in self.charts if k not in wanted_ids]:
            self.charts.pop(lane_id).close()
            self._kinds.pop(lane_id, None)
        for key, lane in wanted:
            kind = lane.kind if lane is not None else "time"
            jchart = self.charts.get(key)
            if jchart is None:
                # SVG marks carry ARIA descriptions (screen readers) and stay crisp when zoomed.
                jchart = alt.JupyterChart(self.build_chart(lane), embed_options={"renderer": "svg"})
                self.charts[key] = jchart
                self._watch(jchart)
            elif key in rebuild or self._kinds.get(key) != kind:
                jchart.chart = self.build_chart(lane)
                self._watch(jchart)  # a new chart comes with new selections/params objects
            self._kinds[key] = kind
        self.charts = {lane_id: self.charts[lane_id] for lane_id in wanted_ids}
        self._note.layout.display = "none" if self.charts else None
        children = (self._note, *self.charts.values())
        if tuple(self._charts_box.children) != children:
            self._charts_box.children = children

    def _watch(self, jchart: alt.JupyterChart) -> None:
        jchart.selections.observe(self._on_chart_select, ["step"])

    def _stale(self, change: Change) -> tuple[set[str], bool]:
        """The charted lanes ``change`` touched, and whether the set of lanes may have changed."""
        lanes_changed = False
        everything = False
        touched: set[str] = set()
        emotion_too = False
        for key in change.targets:
            kind = key[0]
            if kind in _GLOBAL_TARGETS or _is_step_list(key):
                everything = True
            elif kind in _EMOTION_TARGETS or key in {("list", "personas"), ("map", "emotion_scale")}:
                emotion_too = True
            elif kind in ("lane", "cell"):
                touched.add(key[1])
                lanes_changed = lanes_changed or kind == "lane"
            elif key == ("list", "lanes"):
                lanes_changed = True
        stale: set[str] = set()
        for lane_id in self.charts:
            if everything or lane_id in touched or (emotion_too and self._kinds.get(lane_id) == "emotion"):
                stale.add(lane_id)
        if TIME_CHART in self.charts and any(key[0] in _TIME_TARGETS for key in change.targets):
            stale.add(TIME_CHART)
        return stale, lanes_changed

    def _on_change(self, change: Change) -> None:
        selected = self.map.selected_step
        if selected is not None and selected not in {s.id for s in self.journey.steps}:
            self.map.selected_step = None  # the selected step was deleted
        stale, lanes_changed = self._stale(change)
        if stale or lanes_changed:
            self._sync_charts(rebuild=stale)

    # ------------------------------------------------------------ selection

    def _on_chart_select(self, change: dict[str, Any]) -> None:
        value = getattr(change.get("new"), "value", None) or []
        step_ids = [item.get("step_id") for item in value if isinstance(item, dict)]
        known = {s.id for s in self.journey.steps}
        chosen = [step_id for step_id in step_ids if step_id in known]
        if chosen:
            self.map.selected_step = chosen[0]

    def _on_map_select(self, change: dict[str, Any]) -> None:
        value = change.get("new") or ""
        for jchart in self.charts.values():
            params = jchart.params
            if params.has_trait("selected_step") and getattr(params, "selected_step", None) != value:
                setattr(params, "selected_step", value)  # noqa: B010 - a trait added at run time

    def close(self) -> None:
        """Stop following the journey and close the map and charts."""
        unobserve = getattr(self, "_unobserve", None)  # parts are absent when __init__ failed
        if unobserve is not None:
            unobserve()
        for jchart in getattr(self, "charts", {}).values():
            jchart.close()
        widget = getattr(self, "map", None)
        if widget is not None:
            widget.close()
        box = getattr(self, "_charts_box", None)
        if box is not None:
            box.close()
        super().close()


def _is_step_list(key: TargetKey) -> bool:
    return len(key) >= 2 and key[0] == "list" and key[1] in ("stages", "steps")


def dashboard(
    journey: Journey,
    *,
    lanes: Sequence[str] | None = None,
    map_height: str = "420px",
    layout: Literal["below", "side"] = "below",
    time_chart: bool = True,
    **widget_kwargs: Any,
) -> Dashboard:
    """The map with live charts under it: the emotional arc and one chart per metric lane.

    ``lanes`` names (by id or name) the emotion and metric lanes to chart, in order; by default
    the first emotion lane and every metric lane, following lanes as they are added or deleted.
    The returned :class:`Dashboard` is an ``ipywidgets.Box``; ``.map`` is the
    :class:`~jmwidget.JourneyWidget`, ``.charts`` maps lane ids to their
    ``altair.JupyterChart``. Clicking a step in a chart selects it in the map; selecting a step
    in the map highlights it in the charts (see :func:`jmwidget.dashboard`). ``layout="side"``
    puts the charts beside the map; other keywords go to the ``JourneyWidget`` (``readonly``,
    ``path`` and ``autosave``, ...). ``offline=False`` keeps JupyterChart loading Vega from a CDN.
    A service blueprint (a map with zones) also gets the time chart of
    :func:`jmwidget.analysis.time_chart`, following edits to durations and waits;
    ``time_chart=False`` leaves it out.
    """
    return Dashboard(journey, lanes=lanes, map_height=map_height, layout=layout, time_chart=time_chart, **widget_kwargs)


__all__ = ["TIME_CHART", "Dashboard", "dashboard"]
