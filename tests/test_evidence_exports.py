"""Evidence behind values outside the model: the SVG picture, the charts, analysis, and the files
that keep it (.json, .xlsx) or say that they drop it (.csv, Mermaid)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pandas as pd
import pytest
import vl_convert as vlc

from jmwidget import Journey, LossyFormatWarning, charts
from jmwidget.analysis import fail_points
from jmwidget.charts import EMOTION_COLUMNS, emotion_data
from jmwidget.formats._mermaid import MermaidWarning, export_mermaid
from jmwidget.pictures import to_html, to_svg

from .conftest import build_small
from .test_charts import to_spec
from .test_svg import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, HOSTILE

NS = "{http://www.w3.org/2000/svg}"


def evidence_map() -> Journey:
    journey = build_small()
    journey.set_cell("Emotion", "Fill form", {"value": 2.1, "n": 412, "low": 1.8, "high": 2.4})
    journey.set_cell("Emotion", "See advert", {"value": 4, "n": 12, "sd": 0.9}, persona="Bo")
    journey.set_cell("Conversion", "See advert", {"value": 40, "n": 25, "low": 35, "high": 45})
    return journey


def svg_root(journey: Journey) -> ET.Element:
    return ET.fromstring(to_svg(journey))


# ---------------------------------------------------------------- the SVG picture


def test_the_svg_draws_whiskers_and_a_hollow_point_for_a_small_n() -> None:
    root = svg_root(evidence_map())
    whiskers = [p for p in root.iter(f"{NS}path") if p.get("class") == "jmw-whisker"]
    assert len(whiskers) == 1
    assert whiskers[0].get("data-persona-id") == "persona"
    assert re.fullmatch(
        r"M[\d.]+ [\d.]+ V[\d.]+ M[\d.]+ [\d.]+ H[\d.]+ M[\d.]+ [\d.]+ H[\d.]+", whiskers[0].get("d", "")
    )
    points = {
        (c.get("data-persona-id"), c.findtext(f"{NS}title")): c
        for c in root.iter(f"{NS}circle")
        if "jmw-point" in (c.get("class") or "")
    }
    sure = points[("persona", "Ana, Fill form: 2.1 (n = 412, 1.8 to 2.4)")]
    unsure = points[("bo", "Bo, See advert: 4 (n = 12, sd = 0.9)")]
    assert sure.get("class") == "jmw-point"
    assert unsure.get("class") == "jmw-point jmw-uncertain"
    assert unsure.get("fill") == "#ffffff"  # hollow
    assert unsure.get("stroke-dasharray") == "3 2"
    assert ("persona", "Ana, See advert: 4 of 5") in points  # plain values read as before
    legend = next(g for g in root.iter(f"{NS}g") if g.get("class") == "jmw-legend")
    assert "n < 30" in "".join(legend.itertext())


def test_the_svg_writes_n_and_the_interval_under_a_metric() -> None:
    root = svg_root(evidence_map())
    cell = next(
        g
        for g in root.iter(f"{NS}g")
        if g.get("data-lane-id") == "conversion" and g.get("data-step-id") == "see-advert"
    )
    texts = [t.text for t in cell.iter(f"{NS}text")]
    assert texts[:2] == ["40%", "n = 25, 35% to 45%"]
    detail = next(t for t in cell.iter(f"{NS}text") if t.get("class") == "jmw-evidence")
    assert detail.get("font-style") == "italic"  # n = 25 is below 30


def test_evidence_does_not_let_user_text_out_of_the_svg() -> None:
    journey = evidence_map()
    journey.edit_persona("Ana", name=HOSTILE[0])
    journey.edit_lane("Conversion", unit=HOSTILE[2], format="score")
    svg = to_svg(journey)
    root = ET.fromstring(svg)
    for element in root.iter():
        assert element.tag.removeprefix(NS) in ALLOWED_TAGS, element.tag
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
    assert "<script" not in svg
    assert "<img" not in svg
    titles = [t.text or "" for t in root.iter(f"{NS}title")]
    assert f"{HOSTILE[0]}, Fill form: 2.1 (n = 412, 1.8 to 2.4)" in titles


def test_the_png_follows() -> None:
    assert evidence_map().to_png(scale=1)[:4] == b"\x89PNG"


# ---------------------------------------------------------------- charts


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["layer"])


def _mark(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return str(mark["type"] if isinstance(mark, dict) else mark)


def test_emotion_data_has_the_evidence_columns() -> None:
    data = emotion_data(evidence_map())
    assert list(data.columns) == list(EMOTION_COLUMNS)
    assert list(EMOTION_COLUMNS[-4:]) == ["n", "sd", "low", "high"]
    row = data[(data["step_id"] == "fill-form") & (data["persona_id"] == "persona")].iloc[0]
    assert (row["value"], row["n"], row["low"], row["high"]) == (2.1, 412, 1.8, 2.4)
    assert str(data["n"].dtype) == "Int64"
    plain = data[(data["step_id"] == "see-advert") & (data["persona_id"] == "persona")].iloc[0]
    assert plain["value"] == 4
    assert plain["n"] is pd.NA


def test_the_emotion_chart_has_error_bars_hollow_points_and_the_evidence_in_its_tooltip() -> None:
    spec = to_spec(charts.emotion(evidence_map()))
    layers = _layers(spec)
    rules = [
        layer for layer in layers if _mark(layer) == "rule" and layer.get("encoding", {}).get("y2", {}).get("field")
    ]
    assert len(rules) == 1
    assert rules[0]["encoding"]["y"]["field"] == "low_end"
    assert rules[0]["encoding"]["y2"]["field"] == "high_end"
    assert rules[0]["encoding"]["color"]["field"] == "persona"
    ticks = [layer for layer in layers if _mark(layer) == "tick"]
    assert {t["encoding"]["y"]["field"] for t in ticks} == {"low", "high"}
    hollow = [layer for layer in layers if isinstance(layer["mark"], dict) and layer["mark"].get("filled") is False]
    assert len(hollow) == 1
    assert hollow[0]["transform"] == [{"filter": "datum.uncertain"}]
    tooltip = next(layer for layer in layers if _mark(layer) == "point")["encoding"]["tooltip"]
    assert {"field": "evidence", "type": "nominal", "title": "Evidence"} in tooltip
    records = (
        spec["data"]["values"]
        if "data" in spec
        else next(layer["data"]["values"] for layer in layers if _mark(layer) == "line")
    )
    fill_form = next(v for v in records if v["step_id"] == "fill-form" and v["persona_id"] == "persona")
    assert fill_form["evidence"] == "n = 412, 1.8 to 2.4"
    assert fill_form["value"] == 2.1
    assert "uncertain" not in fill_form
    assert vlc.vegalite_to_png(spec)[:4] == b"\x89PNG"


def test_the_metric_chart_has_error_bars_and_the_evidence_in_its_tooltip() -> None:
    spec = to_spec(charts.metric(evidence_map(), "Conversion"))
    layers = _layers(spec)
    rule = next(layer for layer in layers if _mark(layer) == "rule")
    assert (rule["encoding"]["y"]["field"], rule["encoding"]["y2"]["field"]) == ("low_end", "high_end")
    bars = next(layer for layer in layers if _mark(layer) == "bar")
    assert {t["field"] for t in bars["encoding"]["tooltip"]} == {"stage", "step", "label", "evidence"}
    record = next(v for v in bars["data"]["values"] if v["step_id"] == "see-advert")
    assert (record["value"], record["n"], record["low"], record["high"]) == (40, 25, 35, 45)
    assert record["evidence"] == "n = 25, 35% to 45%"
    assert bars["encoding"]["y"]["scale"]["domain"][1] >= 45  # room for the whisker's top
    assert vlc.vegalite_to_png(spec)[:4] == b"\x89PNG"


def test_charts_features_and_analysis_use_the_value() -> None:
    journey = evidence_map()
    data = emotion_data(journey)
    ana = data[data["persona_id"] == "persona"]
    assert list(ana["feature"]) == ["peak", "trough"]  # 4, then 2.1 (evidence) at Fill form
    frame_map = evidence_map()
    frame_map.set_cell("Emotion", "Compare banks", {"value": 3, "n": 50})
    frame_map.set_cell("Conversion", "Fill form", {"value": 30, "n": 40})
    frame_map.annotate("conversion", "fill-form", fail_point="Drop")
    frame = fail_points(frame_map)
    row = frame.iloc[0]
    assert row["Emotion: Ana"] == 2.1
    assert row["Emotion: Ana change"] == pytest.approx(2.1 - 3)
    assert row["Conversion"] == 30


# ---------------------------------------------------------------- files


def test_mermaid_names_the_evidence_it_drops_and_writes_the_numbers() -> None:
    text, lost = export_mermaid(evidence_map())
    assert "the evidence (n, sd, low..high) behind 2 emotion cells" in lost
    assert "Fill form: 2.1: Ana, Bo" in text
    with pytest.warns(MermaidWarning, match=r"behind 2 emotion cells"):
        evidence_map().to_mermaid()


def test_csv_says_it_drops_the_evidence_and_keeps_the_numbers(tmp_path: Path) -> None:
    journey = evidence_map()
    with pytest.warns(
        LossyFormatWarning, match=r"CSV has no place for the evidence \(n, sd, low\.\.high\) behind 3 cells"
    ):
        path = journey.save(tmp_path / "map.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = Journey.load(path)
    assert again.get_cell("Conversion", "See advert") == 40
    assert again.evidence("Conversion", "See advert") == {"value": 40}
    plain = build_small()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a map without evidence or blueprint parts saves silently
        plain.save(tmp_path / "plain.csv")


def test_xlsx_keeps_the_evidence(tmp_path: Path) -> None:
    import openpyxl

    journey = evidence_map()
    path = journey.save(tmp_path / "map.xlsx")
    sheet = openpyxl.load_workbook(path)["evidence"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["lane_id", "step_id", "persona_id", "value", "n", "sd", "low", "high"]
    assert ["conversion", "see-advert", None, 40, 25, None, 35, 45] in rows
    assert Journey.load(path) == journey


def test_a_number_changed_in_the_xlsx_map_sheet_drops_its_old_evidence(tmp_path: Path) -> None:
    import openpyxl

    path = evidence_map().save(tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book["map"]
    header = [c.value for c in sheet[1]]
    steps = [row[header.index("step_id")].value for row in sheet.iter_rows(min_row=2)]
    sheet.cell(row=2 + steps.index("see-advert"), column=1 + header.index("Conversion"), value=41)
    book.save(path)
    again = Journey.load(path)
    assert again.evidence("Conversion", "See advert") == {"value": 41}
    assert again.evidence("Emotion", "Fill form") == {"value": 2.1, "n": 412, "low": 1.8, "high": 2.4}


def test_json_and_html_carry_the_whole_evidence(tmp_path: Path) -> None:
    journey = evidence_map()
    assert Journey.load(journey.save(tmp_path / "map.json")) == journey
    html = to_html(journey, charts=False)
    script = re.search(r'<script type="application/json" id="jmw-doc">(.*?)</script>', html, re.S)
    assert script is not None
    doc = json.loads(script.group(1))
    assert doc["cells"]["conversion"]["see-advert"] == {"value": 40, "n": 25, "low": 35, "high": 45}
