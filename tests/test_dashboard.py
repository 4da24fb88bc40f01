"""The dashboard: a map over live charts, linked by the selected step."""

from __future__ import annotations

from typing import Any

import altair as alt
import ipywidgets
import pytest

from jmwidget import Journey, JourneyError, JourneyWidget
from jmwidget.jupyter import Dashboard, dashboard
from jmwidget.jupyter._dashboard import TIME_CHART


def chart_values(jchart: alt.JupyterChart, mark_type: str) -> list[dict[str, Any]]:
    """The data rows of the first layer with ``mark_type`` in the chart the JupyterChart shows."""
    assert jchart.chart is not None
    spec = jchart.chart.to_dict()
    datasets = spec.get("datasets", {})
    for layer in spec["layer"]:
        layer_mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if layer_mark == mark_type:
            data = layer["data"]
            rows: list[dict[str, Any]] = data["values"] if "values" in data else datasets[data["name"]]
            return rows
    raise AssertionError(f"no {mark_type} layer")


def click(jchart: alt.JupyterChart, step_id: str | None) -> None:
    """What the browser sends when the user clicks a step in the chart (or clears the selection)."""
    value = None if step_id is None else {"vlPoint": {"or": [{"step_id": step_id}]}}
    store = [] if step_id is None else [{"unit": "layer_0", "fields": [], "values": [step_id]}]
    jchart._vl_selections = {**jchart._vl_selections, "step": {"value": value, "store": store}}


@pytest.fixture
def board(small: Journey) -> Dashboard:
    return dashboard(small)


def test_dashboard_shows_the_map_over_its_charts(board: Dashboard, small: Journey) -> None:
    assert isinstance(board, ipywidgets.Box)
    assert board.layout.flex_flow == "column"
    assert isinstance(board.map, JourneyWidget)
    assert board.map.journey is small
    assert list(board.charts) == ["emotion", "conversion"]
    assert all(isinstance(c, alt.JupyterChart) for c in board.charts.values())
    assert board.children[0] is board.map
    assert list(board.children[1].children[1:]) == list(board.charts.values())
    assert board.charts["emotion"].spec is not None  # what the browser gets
    bundle = board._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_side_layout_puts_the_charts_beside_the_map_and_passes_widget_options(small: Journey) -> None:
    board = dashboard(small, layout="side", readonly=True, map_height="300px")
    assert board.layout.flex_flow == "row wrap"
    assert board.children[0] is board.map
    assert list(board.children[1].children[1:]) == list(board.charts.values())
    assert board.map.readonly is True
    assert board.map.height == "300px"
    with pytest.raises(ValueError, match="'below' or 'side', got 'left'"):
        dashboard(small, layout="left")  # type: ignore[arg-type]


def test_editing_the_journey_redraws_the_charts(board: Dashboard, small: Journey) -> None:
    emotion_chart, conversion_chart = board.charts["emotion"], board.charts["conversion"]
    small.set_cell("emotion", "compare-banks", 5)
    assert ("compare-banks", "Ana", 5.0) in [
        (r["step_id"], r["persona"], r["value"]) for r in chart_values(emotion_chart, "line")
    ]
    assert emotion_chart.chart is not None
    assert emotion_chart.spec == emotion_chart.chart.to_dict()
    small.set_cell("conversion", "see-advert", 99)
    assert [r["value"] for r in chart_values(conversion_chart, "bar")] == [99.0, 42.5]
    small.rename_step("see-advert", "Sees an advert")
    assert chart_values(conversion_chart, "rect")[0]["step"] == "Sees an advert"
    small.undo()
    assert chart_values(conversion_chart, "rect")[0]["step"] == "See advert"


def test_only_changes_a_chart_shows_redraw_it(board: Dashboard, small: Journey) -> None:
    emotion_before = board.charts["emotion"].chart
    conversion_before = board.charts["conversion"].chart
    small.set_cell("actions", "fill-form", "Types her address")
    small.title = "Another title"
    small.add_card("pains", "see-advert", "Small print")
    assert board.charts["emotion"].chart is emotion_before
    assert board.charts["conversion"].chart is conversion_before
    small.set_cell("conversion", "see-advert", 1)
    assert board.charts["emotion"].chart is emotion_before
    assert board.charts["conversion"].chart is not conversion_before
    small.edit_persona("Bo", name="Bob")
    assert board.charts["emotion"].chart is not emotion_before
    assert "Bob" in {r["persona"] for r in chart_values(board.charts["emotion"], "line")}


def test_lanes_added_and_deleted_add_and_drop_charts(board: Dashboard, small: Journey) -> None:
    small.add_lane("NPS", "metric", id="nps")
    assert list(board.charts) == ["emotion", "conversion", "nps"]
    old = board.charts["conversion"]
    small.delete_lane("conversion")
    assert list(board.charts) == ["emotion", "nps"]
    assert old not in board.children[1].children
    small.delete_lane("emotion")
    small.delete_lane("nps")
    assert board.charts == {}
    assert board.children[1].children[0].layout.display is None  # the "add a lane" note shows


def test_clicking_a_step_in_a_chart_selects_it_in_the_map(board: Dashboard) -> None:
    click(board.charts["emotion"], "fill-form")
    assert board.map.selected_step == "fill-form"
    click(board.charts["conversion"], "see-advert")
    assert board.map.selected_step == "see-advert"
    click(board.charts["conversion"], None)  # clearing the chart selection keeps the map's
    assert board.map.selected_step == "see-advert"


def test_selection_still_links_after_a_redraw(board: Dashboard, small: Journey) -> None:
    small.set_cell("emotion", "compare-banks", 3)  # new chart: new selections object
    click(board.charts["emotion"], "compare-banks")
    assert board.map.selected_step == "compare-banks"


def test_selecting_in_the_map_highlights_the_step_in_the_charts(board: Dashboard, small: Journey) -> None:
    board.map.selected_step = "Compare banks"
    for jchart in board.charts.values():
        assert getattr(jchart.params, "selected_step") == "compare-banks"  # noqa: B009 - a trait added at run time
        assert jchart._params["selected_step"] == "compare-banks"  # synced to the browser
    small.set_cell("emotion", "see-advert", 1)  # a redrawn chart starts highlighted
    params = {p["name"]: p for p in board.charts["emotion"].spec["params"]}
    assert params["selected_step"]["value"] == "compare-banks"
    board.map.selected_step = None
    assert board.charts["conversion"]._params["selected_step"] == ""


def test_deleting_the_selected_step_clears_the_selection(board: Dashboard, small: Journey) -> None:
    board.map.selected_step = "see-advert"
    small.delete_step("see-advert")
    assert board.map.selected_step is None
    assert board.charts["emotion"]._params["selected_step"] == ""
    assert [r["step_id"] for r in chart_values(board.charts["emotion"], "rect")] == ["compare-banks", "fill-form"]


def test_lanes_argument(small: Journey) -> None:
    board = dashboard(small, lanes=["Conversion"])
    assert list(board.charts) == ["conversion"]
    small.add_lane("NPS", "metric")
    assert list(board.charts) == ["conversion"]
    with pytest.raises(JourneyError, match="'Actions' is a text lane"):
        dashboard(small, lanes=["Actions"])


def test_close_stops_following_the_journey(board: Dashboard, small: Journey) -> None:
    jchart = board.charts["emotion"]
    before = jchart.chart
    board.close()
    small.set_cell("emotion", "compare-banks", 2)
    assert jchart.chart is before


def time_values(board: Dashboard) -> dict[tuple[str, str], float]:
    chart = board.charts[TIME_CHART].chart
    assert chart is not None
    (rows,) = chart.to_dict()["datasets"].values()  # both layers share one dataset
    return {(r["step_id"], r["zone"]): r["time"] for r in rows}


def test_a_blueprint_gets_a_live_time_chart_linked_to_the_map() -> None:
    hotel = Journey.from_template("service-blueprint")
    board = dashboard(hotel)
    assert list(board.charts) == ["emotion", TIME_CHART]
    assert time_values(board)[("checks-in", "Customer")] == 12
    before = board.charts[TIME_CHART].chart
    hotel.edit(title="Hotel stay, 2027")  # nothing the chart shows
    assert board.charts[TIME_CHART].chart is before
    hotel.annotate("Customer actions", "Checks in", duration=(20, "minutes"))
    assert time_values(board)[("checks-in", "Customer")] == 20
    click(board.charts[TIME_CHART], "orders-room-service")
    assert board.map.selected_step == "orders-room-service"
    board.map.selected_step = "checks-in"
    assert board.charts[TIME_CHART].params.selected_step == "checks-in"
    for lane in ("evidence", "customer", "front", "back", "support"):  # no zones left: a plain journey map
        hotel.set_zone(lane, None)
    assert list(board.charts) == ["emotion"]
    board.close()


def test_the_time_chart_can_be_left_out() -> None:
    board = dashboard(Journey.from_template("restaurant-order"), time_chart=False)
    assert TIME_CHART not in board.charts
    board.close()
