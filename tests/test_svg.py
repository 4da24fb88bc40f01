"""The pure-Python SVG/PNG rendering (jmwidget.pictures) and its number formats (jmwidget.model.formatting)."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from jmwidget import Journey, JourneyError
from jmwidget.model.formatting import format_metric
from jmwidget.pictures import mimebundle, to_png, to_svg
from jmwidget.pictures._geometry import EMOTION_H, emotion_y
from jmwidget.pictures._textfit import text_width, wrap
from jmwidget.pictures._theme import MOOD_COLORS

from .conftest import build_small
from .run_ts import run_format_ts

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    'Tom & Jerry\'s "quoted" ]]> end',
    "<img src=x onerror=alert(2)>",
    "]]><svg onload=alert(3)>",
]
# Everything the renderer may emit; user text must never add to these.
ALLOWED_TAGS = {"svg", "title", "desc", "g", "rect", "text", "line", "path", "circle", "defs", "marker"}
ALLOWED_ATTRIBUTES = {
    "xmlns", "role", "font-family", "class", "aria-labelledby", "width", "height", "viewBox", "id", "x", "y",
    "fill", "stroke", "font-size", "font-weight", "text-anchor", "letter-spacing", "rx", "x1", "x2", "y1", "y2",
    "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "fill-opacity",
    "transform", "d", "cx", "cy", "r", "data-stage-id", "data-step-id", "data-lane-id", "data-kind",
    "data-persona-id", "data-zone", "data-line", "data-connection-id", "refX", "refY", "markerWidth",
    "markerHeight", "orient", "marker-end", "paint-order", "font-style",
}  # fmt: skip


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def local(tag: str) -> str:
    return tag.removeprefix(NS)


def hostile_map() -> Journey:
    j = Journey(HOSTILE[0], channels=[HOSTILE[1]], persona=HOSTILE[2])
    j.add_stage(HOSTILE[3], steps=[HOSTILE[0], HOSTILE[1]], id="s1")
    text = j.add_lane(HOSTILE[2], "text", id="text", description=HOSTILE[1])
    cards = j.add_lane(HOSTILE[1], "cards", id="cards")
    channels = j.add_lane(HOSTILE[3], "channels", id="channels")
    emotion = j.add_lane(HOSTILE[0], "emotion", id="emotion")
    metric = j.add_lane("Time", "metric", id="metric", unit=HOSTILE[0], format="seconds")
    step = j.steps[0].id
    j.set_cell(text, step, HOSTILE[3] + "\n" + HOSTILE[0])
    j.add_card(cards, step, HOSTILE[2], tag=HOSTILE[1], impact="abandons")
    j.set_cell(channels, step, [HOSTILE[1]])
    j.set_cell(emotion, step, 2)
    j.set_cell(metric, step, 75)
    return j


def blueprint_doc() -> dict[str, Any]:
    """The small map opened up as a blueprint through the model's own operations."""
    j = build_small()
    j.set_zone("actions", "customer")
    j.set_zone("channels", "frontstage")
    j.set_zone("pains", "backstage")
    j.add_lane("Systems", "text", id="systems", zone="support")
    j.set_cell("systems", "fill-form", "CRM")
    card = j.get_cell("pains", "fill-form")[0]["id"]
    j.annotate(card=card, fail_point="Address is not saved", owner="Web team", duration=(95, "seconds"))
    j.annotate("systems", "fill-form", wait_point="CRM lookup", cost=(2.5, "EUR"))
    j.add_connection(("systems", "fill-form"), card, label="feeds <b>", id="c1")
    return j.to_dict()


# ---------------------------------------------------------------- a valid standalone picture


def test_svg_is_a_standalone_picture_titled_with_the_map() -> None:
    svg = to_svg(build_small())
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert width > 0
    assert height > 0
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    title = root.find(f"{NS}title")
    assert title is not None
    assert title.text == "Open a bank account"
    assert title.get("id", "") in (root.get("aria-labelledby") or "").split()
    assert not svg.startswith("<?xml")  # inline-able in HTML as it is


def test_svg_draws_stages_steps_lanes_cells_cards_chips_and_metrics() -> None:
    root = parse(to_svg(build_small()))
    shown = texts(root)
    for name in ["Discover", "Apply", "See advert", "Compare banks", "Fill form"]:
        assert name in shown
    for lane in ["Actions", "Channels", "Emotion", "Conversion", "Pain points"]:
        assert lane in shown
    assert "Notices a bus stop poster" in shown
    assert {"Website", "Mobile app"} <= set(shown)
    assert "42.5%" in shown  # percent lane, as the widget formats it
    assert "◐ work-around" in shown
    # The card is wrapped onto lines that each fit the step column.
    card_lines = [t for t in shown if t in {"Asked for the same", "address twice"}]
    assert card_lines == ["Asked for the same", "address twice"]
    # A stage header spans its steps: Discover covers two step columns.
    stage = next(r for r in root.iter(f"{NS}rect") if r.get("data-stage-id") == "discover")
    steps = [r for r in root.iter(f"{NS}rect") if r.get("data-step-id") in {"see-advert", "compare-banks"}]
    assert float(stage.get("width", "0")) == sum(float(r.get("width", "0")) for r in steps)


def test_emotion_curves_points_and_neutral_line() -> None:
    journey = build_small()
    root = parse(to_svg(journey))
    row = next(g for g in root.iter(f"{NS}g") if g.get("data-lane-id") == "emotion" and g.get("data-kind"))
    points = [c for c in row.iter(f"{NS}circle") if c.get("class") == "jmw-point"]
    values = {("persona", "see-advert"): 4, ("persona", "fill-form"): 2, ("bo", "fill-form"): 1}
    assert len(points) == len(values)
    moods = {4: "high", 2: "low", 1: "low"}
    assert sorted(p.get("fill") for p in points) == sorted(MOOD_COLORS[moods[v]] for v in values.values())
    titles = sorted(p.findtext(f"{NS}title") or "" for p in points)
    assert titles == ["Ana, Fill form: 2 of 5", "Ana, See advert: 4 of 5", "Bo, Fill form: 1 of 5"]
    row_top = float(next(r for r in row.iter(f"{NS}rect")).get("y", "0"))
    neutral = next(line for line in row.iter(f"{NS}line") if line.get("class") == "jmw-neutral-line")
    assert float(neutral.get("y1", "0")) == pytest.approx(row_top + emotion_y(3, 1, 5), abs=0.01)
    curves = [p for p in row.iter(f"{NS}path") if p.get("class") == "jmw-curve"]
    assert [c.get("data-persona-id") for c in curves] == ["persona", "bo"]
    assert 0 < emotion_y(5, 1, 5) < emotion_y(1, 1, 5) < EMOTION_H


def test_hostile_text_stays_text() -> None:
    svg = to_svg(hostile_map())
    root = parse(svg)  # well-formed despite <, &, quotes and ]]>
    for element in root.iter():
        assert local(element.tag) in ALLOWED_TAGS, element.tag
        assert set(element.attrib) <= ALLOWED_ATTRIBUTES, element.attrib
    shown = "".join("".join(texts(root)).split())  # wrapping may break lines anywhere
    for text in HOSTILE:
        assert "".join(text.split()) in shown
    assert root.findtext(f"{NS}title") == HOSTILE[0]
    assert "<script" not in svg
    assert "<img" not in svg
    assert "onerror=alert(2)>" not in svg.replace("&gt;", "")
    assert "1m15s<script>alert(1)</script>" in shown  # a seconds metric with an odd unit: shown after


def test_control_characters_cannot_break_the_xml() -> None:
    j = Journey("Bell \x07 and \x00 nul")
    j.add_stage("Stage \x1b", steps=["Step"])
    root = parse(to_svg(j))
    assert root.findtext(f"{NS}title") == "Bell \ufffd and \ufffd nul"


def test_empty_map_still_renders() -> None:
    root = parse(to_svg(Journey("Empty")))
    assert "This map has no stages or lanes yet." in texts(root)


# ---------------------------------------------------------------- service blueprint parts


def test_blueprint_zones_lines_connections_and_markers_are_drawn_when_present() -> None:
    root = parse(to_svg(blueprint_doc()))
    zones = [g.get("data-zone") for g in root.iter(f"{NS}g") if g.get("class") == "jmw-zone"]
    assert zones == ["customer", "frontstage", "backstage", "support"]
    lines = [g.get("data-line") for g in root.iter(f"{NS}g") if g.get("class") == "jmw-zone-line"]
    assert lines == ["line-of-interaction", "line-of-visibility", "line-of-internal-interaction"]
    shown = texts(root)
    for label in ["Line of interaction", "Line of visibility", "Line of internal interaction"]:
        assert label in shown
    assert "Fail point: Address is not" in shown
    assert "F" in shown
    assert {"Wait point: CRM lookup", "W", "Owner: Web team", "Time: 95 s", "Cost: 2.50 EUR"} <= set(shown)
    arrows = [g for g in root.iter(f"{NS}g") if g.get("class") == "jmw-connection"]
    assert [a.get("data-connection-id") for a in arrows] == ["c1"]
    path = arrows[0].find(f"{NS}path")
    assert path is not None
    assert (path.get("marker-end") or "").startswith("url(#jmw-arrow-")
    assert "feeds <b>" in texts(arrows[0])
    # The arrow runs up from the Systems cell to the card above it.
    ys = [float(y) for y in re.findall(r"[ML][\d.]+ ([\d.]+)", path.get("d", ""))]
    assert ys[0] > ys[-1]


def test_documents_without_blueprint_fields_draw_no_blueprint_parts() -> None:
    root = parse(to_svg(build_small()))
    classes = {g.get("class") for g in root.iter(f"{NS}g")}
    assert not classes & {"jmw-zone", "jmw-zone-line", "jmw-connection"}


def test_unknown_zones_and_dangling_connections_are_ignored() -> None:
    doc = build_small().to_dict()
    doc["lanes"][0]["zone"] = "somewhere"
    doc["connections"] = [{"id": "x", "from": {"lane": "nope", "step": "fill-form"}, "to": {"lane": "actions"}}]
    root = parse(to_svg(doc))
    classes = {g.get("class") for g in root.iter(f"{NS}g")}
    assert not classes & {"jmw-zone", "jmw-connection"}


# ---------------------------------------------------------------- text wrapping


def test_wrap_keeps_newlines_fits_the_width_and_splits_long_words() -> None:
    lines = wrap("first line\nsecond " + "x" * 80, 100)
    assert lines[0] == "first line"
    assert lines[1] == "second"
    assert "".join(lines[2:]) == "x" * 80
    assert all(text_width(line, 13) <= 100 for line in lines)


# ---------------------------------------------------------------- PNG


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.mark.parametrize("scale", [1, 2])
def test_png_has_the_svg_proportions(scale: int) -> None:
    journey = build_small()
    root = parse(to_svg(journey))
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    png_w, png_h = png_size(to_png(journey, scale=scale))
    assert png_w == pytest.approx(width * scale, abs=1)
    assert png_h == pytest.approx(height * scale, abs=1)


@pytest.mark.parametrize("scale", [0, -1, "2", True, 100])
def test_png_refuses_a_bad_scale(scale: Any) -> None:
    with pytest.raises(JourneyError, match="scale must be a number above 0"):
        to_png(build_small(), scale=scale)


def test_journey_methods_delegate() -> None:
    journey = build_small()
    assert journey.to_svg() == to_svg(journey)
    assert png_size(journey.to_png(scale=1)) == png_size(to_png(journey, scale=1))


def test_static_mimebundle() -> None:
    journey = build_small()
    bundle = mimebundle(journey)
    # The picture is stored once (not also as text/html).
    assert bundle == {"image/svg+xml": to_svg(journey), "text/plain": repr(journey)}


def test_widget_display_data_keeps_the_widget_view_and_adds_the_picture() -> None:
    from jmwidget import JourneyWidget

    journey = build_small()
    widget = JourneyWidget(journey)
    try:
        data, _metadata = widget._repr_mimebundle_()
        assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.model_id
        assert data["image/svg+xml"] == to_svg(journey)
        assert "text/html" not in data  # the picture once per display
        assert data["text/plain"] == repr(journey)
    finally:
        widget.close()
    data, _metadata = journey._repr_mimebundle_()
    assert set(data) == {"application/vnd.jupyter.widget-view+json", "image/svg+xml", "text/plain"}


# ---------------------------------------------------------------- same numbers as js/src/model/format.ts

FORMAT_CASES: list[tuple[float, str | None, str | None]] = [
    (value, fmt, unit)
    for value in [0, 0.5, 1.5, 2.5, -2.5, 1.005, 42.25, 42.35, 999.995, 1234567.891, -0.004, 59.96, 60, 3725.5, 1e6]
    for fmt, unit in [
        (None, None), ("percent", "%"), ("percent", "pts"), ("count", None), ("count", "users"),
        ("seconds", None), ("seconds", "min"), ("currency", "EUR"), ("score", None),
    ]
]  # fmt: skip


def test_formats_match_the_front_end(tmp_path: Path) -> None:
    expected = run_format_ts(
        tmp_path,
        ["formatMetric"],
        "cases.map(([v, f, u]) => formatMetric(v, f ?? undefined, u ?? undefined))",
        cases=FORMAT_CASES,
    )
    assert [format_metric(v, f, u) for v, f, u in FORMAT_CASES] == expected


def test_the_static_fallback_draws_large_maps_in_part() -> None:
    from jmwidget.pictures import fallback_document

    small = build_small()
    assert fallback_document(small) == small.to_dict()

    big = Journey("Big")
    for s in range(6):
        big.add_stage(f"Stage {s}", steps=[f"Step {s}.{i}" for i in range(10)], id=f"st{s}")
    lanes = [big.add_lane(f"Lane {n}", "text", zone="customer" if n == 0 else None) for n in range(20)]
    steps = [step.id for step in big.steps]
    big.set_cell(lanes[0], steps[0], "kept")
    big.set_cell(lanes[0], steps[40], "dropped")
    big.add_connection((lanes[0], steps[0]), (lanes[1], steps[1]), id="inside")
    big.add_connection((lanes[0], steps[0]), (lanes[1], steps[50]), id="crosses")
    doc = fallback_document(big, cells=200)  # 20 lanes -> the first 10 steps
    kept = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    assert kept == steps[:10]
    assert [stage["id"] for stage in doc["stages"]] == ["st0"]
    assert doc["title"] == "Big (first 10 of 60 steps)"
    assert [c["id"] for c in doc["connections"]] == ["inside"]
    assert set(doc["cells"][lanes[0]]) == {steps[0]}
    shown = texts(parse(to_svg(doc)))
    assert "kept" in shown
    assert "dropped" not in shown
    bundle = mimebundle(big)
    assert "first 10 of 60 steps" not in bundle["image/svg+xml"]  # 1,200 cells is above 600: 30 steps
    assert "first 30 of 60 steps" in bundle["image/svg+xml"]
    assert big.revision == 6 + 20 + 4  # the fallback never changes the map


# ---------------------------------------------------------------- the emotion scale, readable without hovering


def _axis(scale: tuple[int, int, float], labels: dict[str, str] | None = None) -> tuple[ET.Element, float]:
    """The drawn emotion axis of the small map on ``scale``, and the top of its row."""
    axis, row = _axis_and_row(scale, labels)
    return axis, float(next(row.iter(f"{NS}rect")).get("y", "0"))


def _axis_and_row(scale: tuple[int, int, float], labels: dict[str, str] | None) -> tuple[ET.Element, ET.Element]:
    journey = build_small()
    for step, persona in (("see-advert", "Ana"), ("fill-form", "Ana"), ("fill-form", "Bo")):
        journey.set_cell("emotion", step, None, persona=persona)  # the values fit 1-5 only
    journey.edit(
        emotion_scale={"min": scale[0], "max": scale[1], "neutral": scale[2], **({"labels": labels} if labels else {})}
    )
    root = parse(to_svg(journey))
    row = next(g for g in root.iter(f"{NS}g") if g.get("data-lane-id") == "emotion" and g.get("data-kind"))
    return next(g for g in row.iter(f"{NS}g") if g.get("class") == "jmw-emotion-axis"), row


@pytest.mark.parametrize(
    ("scale", "numbers"),
    [
        ((1, 5, 3), ["5", "4", "3", "2", "1"]),
        ((-2, 2, 0), ["+2", "+1", "0", "-1", "-2"]),
        ((1, 10, 5.5), ["10", "9", "8", "7", "6", "5", "4", "3", "2", "1"]),
        ((0, 100, 50), ["100", "90", "80", "70", "60", "50", "40", "30", "20", "10", "0"]),
    ],
)
def test_the_emotion_lane_shows_its_scale(scale: tuple[int, int, float], numbers: list[str]) -> None:
    axis, top = _axis(scale)
    drawn = [t for t in axis.iter(f"{NS}text") if t.get("fill") != "#616161"]
    assert ["".join(t.itertext()) for t in drawn] == numbers
    for text, number in zip(drawn, numbers, strict=True):  # each number sits at its value's height
        value = float(number)
        assert float(text.get("y", "0")) - 3.5 == pytest.approx(top + emotion_y(value, scale[0], scale[1]), abs=0.01)
    words = [t for t in axis.iter(f"{NS}text") if "".join(t.itertext()) == "neutral"]
    assert len(words) == 1  # the neutral line is named, on a point or between two
    assert float(words[0].get("y", "0")) - 3.5 == pytest.approx(top + emotion_y(scale[2], scale[0], scale[1]), abs=0.01)
    assert words[0].get("font-weight") == "bold"


def test_the_scale_words_stand_beside_their_numbers_and_keep_clear_of_the_lane_name() -> None:
    labels = {"-2": "Furious and ready to leave for good", "2": "Delighted"}
    axis, row = _axis_and_row((-2, 2, 0), labels)
    shown = {"".join(t.itertext()): t for t in axis.iter(f"{NS}text")}
    assert "Delighted" in shown
    assert "+2" in shown
    assert shown["Delighted"].get("y") == shown["+2"].get("y")
    long = next(word for word in shown if word.startswith("Furious"))
    assert long.endswith("…")
    assert text_width(long, 10) <= 72
    # The lane header's own text (name, kind, description) wraps short of the axis's words.
    axis_left = min(float(t.get("x", "0")) - text_width("".join(t.itertext()), 10) for t in shown.values())
    header = next(
        g for g in row.iter(f"{NS}g") if "Emotion" in texts(g) and (g.get("transform") or "").startswith("translate")
    )
    left = float((header.get("transform") or "").split("(")[1].split()[0])
    text_right = max(
        left + float(t.get("x", "0")) + text_width("".join(t.itertext()), float(t.get("font-size", "13")), bold=True)
        for t in header.iter(f"{NS}text")
    )
    assert text_right < axis_left
