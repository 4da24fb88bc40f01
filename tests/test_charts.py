"""Altair charts: the emotional arc (peaks, troughs, neutral rule, personas) and metric lanes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import altair as alt
import pytest
import vl_convert as vlc

from jmwidget import Journey, JourneyError
from jmwidget.charts import EMOTION_COLUMNS, emotion, emotion_data, features, metric
from jmwidget.model.formatting import format_metric


def inline(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every layer's data written inline (Altair moves it to ``datasets``)."""
    datasets = spec.pop("datasets", {})
    for layer in spec.get("layer", []):
        name = layer.get("data", {}).get("name")
        if name in datasets:
            layer["data"] = {"values": datasets[name]}
    return spec


def to_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    return inline(chart.to_dict())


def layers(chart: alt.TopLevelMixin) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = to_spec(chart)["layer"]
    return result


def mark(layer: dict[str, Any]) -> str:
    value = layer["mark"]
    return str(value["type"] if isinstance(value, dict) else value)


def layer_with(chart: alt.TopLevelMixin, mark_type: str, **wanted: Any) -> list[dict[str, Any]]:
    found = []
    for layer in layers(chart):
        if mark(layer) != mark_type:
            continue
        properties = layer["mark"] if isinstance(layer["mark"], dict) else {}
        if all(properties.get(k) == v for k, v in wanted.items()):
            found.append(layer)
    return found


# ---------------------------------------------------------------- the peak / trough rule


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([3], [""]),
        ([2, 4], ["trough", "peak"]),
        ([3, 3], ["", ""]),
        ([3, 4, 2, 2, 5], ["trough", "peak", "", "", "peak"]),
        ([3, 4, 2, 3], ["trough", "peak", "trough", "peak"]),
        ([5, 4, 4, 1], ["peak", "", "", "trough"]),
        ([1, 2, 3, 4], ["trough", "", "", "peak"]),
        ([2, 2.5, 2], ["trough", "peak", "trough"]),
    ],
)
def test_features_rule(values: list[float], expected: list[str]) -> None:
    assert features(values) == expected


def test_emotion_data_marks_features_per_persona_skipping_gaps(small: Journey) -> None:
    small.set_cell("emotion", "compare-banks", 5, persona="Bo")
    data = emotion_data(small)
    assert list(data.columns) == list(EMOTION_COLUMNS)
    rows = [(r.step_id, r.persona, r.value, r.feature) for r in data.itertuples()]
    assert rows == [
        ("see-advert", "Ana", 4.0, "peak"),
        ("compare-banks", "Bo", 5.0, "peak"),
        ("fill-form", "Ana", 2.0, "trough"),  # neighbour is see-advert: compare-banks has no value for Ana
        ("fill-form", "Bo", 1.0, "trough"),
    ]
    assert data["step_index"].tolist() == [0, 1, 2, 2]
    assert data["value"].dtype == "float64"


def test_emotion_data_of_an_empty_lane_has_the_columns() -> None:
    journey = Journey("Empty")
    journey.add_lane("Emotion", "emotion")
    data = emotion_data(journey)
    assert data.empty
    assert list(data.columns) == list(EMOTION_COLUMNS)


# ---------------------------------------------------------------- emotion chart


def test_emotion_chart_layers(small: Journey) -> None:
    chart = emotion(small)
    assert isinstance(chart, alt.LayerChart)
    spec = to_spec(chart)
    assert [mark(layer) for layer in spec["layer"]] == [
        "rect",
        "text",
        "rule",
        "text",
        "line",
        "point",
        "point",
        "text",
        "text",
    ]
    # stage bands behind: one rect per step, the stage names at the top
    bands, labels = spec["layer"][0], spec["layer"][1]
    assert [row["step_id"] for row in bands["data"]["values"]] == ["see-advert", "compare-banks", "fill-form"]
    assert [row["stage"] for row in labels["data"]["values"]] == ["Discover", "Apply"]
    assert labels["encoding"]["text"]["field"] == "stage"
    # the neutral rule
    rule, named = spec["layer"][2], spec["layer"][3]
    assert rule["data"]["values"] == named["data"]["values"] == [{"neutral": 3, "word": "neutral"}]
    assert rule["encoding"]["y"]["field"] == named["encoding"]["y"]["field"] == "neutral"
    assert named["encoding"]["text"]["field"] == "word"  # the neutral line is named on the chart
    # the y axis is ticked as the map's emotion axis: each number with the scale's word
    y_axis = spec["layer"][4]["encoding"]["y"]["axis"]
    assert y_axis["values"] == [5, 4, 3, 2, 1]
    # one line per persona, coloured and dashed by persona
    line = spec["layer"][4]
    assert line["encoding"]["color"]["field"] == "persona"
    assert line["encoding"]["strokeDash"]["field"] == "persona"
    assert {row["persona"] for row in line["data"]["values"]} == {"Ana", "Bo"}
    assert line["encoding"]["y"]["scale"]["domain"] == [1, 5]
    # x: steps in map order, labelled with their names
    x = line["encoding"]["x"]
    assert x["field"] == "step_id"
    assert x["type"] == "ordinal"
    assert x["sort"] == ["see-advert", "compare-banks", "fill-form"]
    assert '"see-advert": "See advert"' in x["axis"]["labelExpr"]


def test_emotion_chart_marks_peaks_and_troughs(small: Journey) -> None:
    spec = to_spec(emotion(small))
    feature_layer = spec["layer"][6]
    assert feature_layer["transform"] == [{"filter": "datum.feature != ''"}]
    assert feature_layer["encoding"]["shape"]["scale"]["range"] == ["triangle-up", "triangle-down"]
    values = feature_layer["data"]["values"]
    assert [(r["step_id"], r["persona"], r["feature"]) for r in values if r["feature"]] == [
        ("see-advert", "Ana", "peak"),
        ("fill-form", "Ana", "trough"),
    ]
    peak_labels, trough_labels = spec["layer"][7], spec["layer"][8]
    assert peak_labels["transform"] == [{"filter": "datum.feature == 'peak'"}]
    assert peak_labels["encoding"]["text"] == {"value": "peak"}
    assert trough_labels["encoding"]["text"] == {"value": "trough"}


def test_emotion_chart_params_for_dashboards(small: Journey) -> None:
    spec = to_spec(emotion(small, selected_step="Fill form"))
    params = {p["name"]: p for p in spec["params"]}
    assert params["step"]["select"] == {"type": "point", "fields": ["step_id"], "on": "click", "clear": "dblclick"}
    assert params["selected_step"]["value"] == "fill-form"
    assert spec["layer"][0]["encoding"]["fill"]["condition"]["test"] == "datum.step_id == selected_step"


def test_emotion_chart_follows_the_scale_and_lane() -> None:
    journey = Journey("Workshop grid", emotion_scale=(-2, 2, 0))
    journey.add_stage("Only", steps=["A", "B"])
    journey.add_lane("Feeling", "emotion")
    journey.add_lane("Second feeling", "emotion")
    journey.set_cell("Second feeling", "A", -2)
    spec = to_spec(emotion(journey, lane="Second feeling"))
    assert spec["layer"][2]["data"]["values"] == [{"neutral": 0, "word": "neutral"}]
    assert spec["layer"][4]["encoding"]["y"]["scale"]["domain"] == [-2, 2]
    assert spec["layer"][4]["data"]["values"][0]["value"] == -2.0
    axis = spec["layer"][4]["encoding"]["y"]["axis"]
    assert axis["values"] == [2, 1, 0, -1, -2]
    assert '"2":"+2"' in axis["labelExpr"].replace(" ", "")  # a signed scale reads +2, as on the map
    assert spec["title"] == "Second feeling: Workshop grid"


def test_emotion_chart_errors(small: Journey) -> None:
    with pytest.raises(JourneyError, match="is a metric lane, not an emotion lane"):
        emotion(small, lane="Conversion")
    journey = Journey("No feelings")
    journey.add_lane("Notes", "text")
    with pytest.raises(JourneyError, match="has no emotion lane"):
        emotion(journey)


def test_emotion_chart_renders_to_png(small: Journey, tmp_path: Path) -> None:
    png = vlc.vegalite_to_png(emotion(small).to_dict())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    path = tmp_path / "emotion.png"
    emotion(small).save(str(path))
    assert path.read_bytes()[:4] == b"\x89PNG"


def test_charts_of_an_empty_map_compile() -> None:
    journey = Journey("Empty")
    journey.add_lane("Emotion", "emotion")
    journey.add_lane("Volume", "metric")
    assert "<svg" in vlc.vegalite_to_svg(emotion(journey).to_dict())
    assert "<svg" in vlc.vegalite_to_svg(metric(journey, "Volume").to_dict())


def test_emotion_line_breaks_at_a_step_without_a_value(small: Journey) -> None:
    # Ana: see-advert 4, compare-banks (none), fill-form 2; Bo: fill-form 1 only.
    small.add_step("Apply", "Sign", id="sign")
    small.set_cell("emotion", "sign", 3)
    small.set_cell("emotion", "sign", 2, persona="Bo")
    (line,) = layer_with(emotion(small), "line")
    detail = line["encoding"]["detail"]
    assert [d["field"] for d in detail] == ["persona_id", "segment"]
    runs = [(r["persona"], r["step_id"], r["segment"]) for r in line["data"]["values"]]
    assert sorted(runs) == sorted(
        [
            ("Ana", "see-advert", 0),
            ("Ana", "fill-form", 1),  # compare-banks has no value: a new segment
            ("Ana", "sign", 1),
            ("Bo", "fill-form", 0),
            ("Bo", "sign", 0),
        ]
    )
    # Vega draws one path per (persona, segment): the gap is not bridged.
    vega = vlc.vegalite_to_vega(to_spec(emotion(small)))
    groupbys = [
        mark_["from"]["facet"]["groupby"]
        for mark_ in vega["marks"]
        if mark_.get("type") == "group" and "facet" in mark_.get("from", {})
    ]
    assert any("segment" in groupby and "persona_id" in groupby for groupby in groupbys)
    assert emotion_data(small).columns.tolist() == list(EMOTION_COLUMNS)  # the segment stays internal


def test_emotion_line_without_gaps_is_one_segment(small: Journey) -> None:
    small.set_cell("emotion", "compare-banks", 3)
    (line,) = layer_with(emotion(small), "line")
    assert {r["segment"] for r in line["data"]["values"] if r["persona"] == "Ana"} == {0}


def test_charts_compose(small: Journey) -> None:
    upper, lower = emotion(small), metric(small, "conversion")
    with pytest.warns(UserWarning, match="deduplicated"):  # the shared ``step`` selection
        both = upper & lower
    spec = both.to_dict()
    assert "<svg" in vlc.vegalite_to_svg(spec)


# ---------------------------------------------------------------- metric chart


def test_metric_chart(small: Journey) -> None:
    small.set_cell("conversion", "see-advert", 80)
    chart = metric(small, "Conversion")
    assert isinstance(chart, alt.LayerChart)
    spec = to_spec(chart)
    (bars,) = layer_with(chart, "bar")
    assert bars["encoding"]["y"]["title"] == "Conversion (%)"
    assert [(r["step_id"], r["value"], r["label"]) for r in bars["data"]["values"]] == [
        ("see-advert", 80.0, "80%"),
        ("fill-form", 42.5, "42.5%"),
    ]
    assert {t["field"] for t in bars["encoding"]["tooltip"]} == {"stage", "step", "label"}
    assert bars["encoding"]["x"]["sort"] == ["see-advert", "compare-banks", "fill-form"]
    assert {p["name"] for p in spec["params"]} == {"step", "selected_step"}
    assert vlc.vegalite_to_png(spec)[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("fields", "value", "title", "label"),
    [
        ({"format": "currency", "unit": "EUR"}, 12.5, "Cost (EUR)", "12.50 EUR"),
        ({"format": "seconds"}, 90, "Cost (s)", "1m 30s"),
        ({"format": "percent", "unit": "%"}, 12.25, "Cost (%)", "12.3%"),
        ({"format": "count", "unit": "min"}, 1234.567, "Cost (min)", "1,235 min"),
        ({"format": "currency", "unit": "EUR"}, 1.9, "Cost (EUR)", "1.90 EUR"),
        ({"format": "count"}, 12000, "Cost", "12,000"),
        ({"format": "score", "unit": "pts"}, 7.5, "Cost (pts)", "7.5 pts"),
    ],
)
def test_metric_formats(fields: dict[str, Any], value: float, title: str, label: str) -> None:
    journey = Journey("Formats")
    journey.add_stage("S", steps=["A"])
    journey.add_lane("Cost", "metric", **fields)
    journey.set_cell("Cost", "A", value)
    (bars,) = layer_with(metric(journey, "Cost"), "bar")
    assert bars["encoding"]["y"]["title"] == title
    assert bars["data"]["values"][0]["label"] == label
    # One copy of the number formats: the widget's (format.ts) twin in jmwidget.formatting.
    assert label == format_metric(value, fields.get("format"), fields.get("unit"))


def test_metric_chart_of_a_non_metric_lane_names_lane_and_kind(small: Journey) -> None:
    with pytest.raises(JourneyError, match="lane 'Emotion' is a emotion lane; metric charts need a metric lane"):
        metric(small, "emotion")
    with pytest.raises(JourneyError, match="no lane 'Nope'"):
        metric(small, "Nope")
