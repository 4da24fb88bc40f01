"""The map as PDF (jmwidget.pictures.to_pdf, save('map.pdf')): page sizes, pages cut at stage
boundaries with the headers on every page, the description on the first page, readable text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from pypdf import PdfReader

from jmwidget import Journey, JourneyError, JourneyFileError
from jmwidget.formats import load, save
from jmwidget.pictures import to_pdf
from jmwidget.pictures._pages import MIN_SCALE, PAGE_SIZES, page_svgs

from .conftest import build_small

A4_LANDSCAPE = (PAGE_SIZES["A4"][1], PAGE_SIZES["A4"][0])
NS = "{http://www.w3.org/2000/svg}"
LANES = ["Actions", "Thoughts", "Channels", "Feeling", "Pain points"]


SHORT = "How first-time buyers get a mortgage, from the first search to the keys."


def wide_map(stages: int = 6, steps: int = 5) -> Journey:
    """``stages`` x ``steps`` steps (30 by default) with text, channels, emotion and cards in every column."""
    j = Journey("Thirty steps to a mortgage", persona="Mara", channels=["Web", "Branch"])
    j.edit(description=SHORT)
    for s in range(stages):
        j.add_stage(f"Stage {s + 1}", steps=[f"Step {s + 1}.{k + 1}" for k in range(steps)], id=f"stage-{s + 1}")
    actions = j.add_lane("Actions", "text")
    thoughts = j.add_lane("Thoughts", "text")
    channels = j.add_lane("Channels", "channels")
    feeling = j.add_lane("Feeling", "emotion")
    pains = j.add_lane("Pain points", "cards")
    for n, step in enumerate(j.steps):
        j.set_cell(actions, step.id, f"Does thing {n + 1} and checks what comes next")
        j.set_cell(thoughts, step.id, "Is this the right form?")
        j.set_cell(channels, step.id, ["Web"])
        j.set_cell(feeling, step.id, 1 + n % 5)
        if n % 3 == 0:
            j.add_card(pains, step.id, f"Pain {n + 1}: waits for a call back", impact="work-around")
    return j


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def page_size(reader: PdfReader, index: int) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return float(box.width), float(box.height)


def drawn_scales(journey: Journey, **options: Any) -> list[float]:
    """Each page's scale from map px to page points: the drawing's printed width over its own width."""
    scales = []
    for svg in page_svgs(journey.to_dict(), options.get("page", "A4"), "landscape", options.get("description", SHORT)):
        if "jmw-cover" in svg:
            continue
        drawing = ET.fromstring(svg).find(f"{NS}svg")
        assert drawing is not None
        scales.append(float(drawing.get("width", "0")) / float(drawing.get("viewBox", "0 0 1 1").split()[2]))
    return scales


def test_a_30_step_map_prints_to_readable_a4_landscape_pages_cut_at_stage_boundaries() -> None:
    journey = wide_map()
    reader = read(to_pdf(journey, description=SHORT))
    assert len(reader.pages) > 1
    pages = [page.extract_text() for page in reader.pages]
    seen: list[str] = []
    for index, text in enumerate(pages):
        assert page_size(reader, index) == pytest.approx(A4_LANDSCAPE, abs=0.01)
        assert "STAGE" in text
        assert "STEP" in text
        for lane in LANES:  # lane headers on every page
            assert lane in text
        assert "neutral" in text  # with the emotion scale
        assert f"page {index + 1} of {len(pages)}" in text
        stages = [f"Stage {s}" for s in range(1, 7) if f"Stage {s}\n" in text or f"Stage {s} " in text]
        steps = [f"Step {s}.{k}" for s in range(1, 7) for k in range(1, 6) if f"Step {s}.{k}" in text]
        assert stages
        for stage in stages:  # every stage on the page is whole: cut only at stage boundaries
            assert [step for step in steps if step.startswith(stage.replace("Stage", "Step") + ".")] == [
                f"{stage.replace('Stage', 'Step')}.{k}" for k in range(1, 6)
            ]
        seen += steps
    assert seen == [f"Step {s}.{k}" for s in range(1, 7) for k in range(1, 6)]  # each step once, in order
    # A person can read it: every page at the same scale, the 13 px body text at 7.8 pt or more, the
    # emotion scale's 10 px numbers at 6 pt or more.
    scales = drawn_scales(journey)
    assert len(scales) == len(pages)
    assert min(scales) == max(scales) >= MIN_SCALE == 0.6


def test_by_default_the_map_describes_itself_on_a_page_of_its_own_when_that_is_long() -> None:
    journey = wide_map()
    reader = read(to_pdf(journey))
    cover = reader.pages[0].extract_text()
    assert cover.startswith(f"Thirty steps to a mortgage\n{SHORT}")  # title, own description, describe()
    assert "'Thirty steps to a mortgage' is a current-state journey map for Mara" in cover
    assert "about this map" in cover
    assert "STAGE" not in cover
    # The map's pages are those of a short description: the same count (plus the cover), the same scale.
    assert len(reader.pages) == len(read(to_pdf(journey, description=SHORT)).pages) + 1
    assert drawn_scales(journey, description=None) == drawn_scales(journey)
    assert f"page 1 of {len(reader.pages)}" in cover


def test_the_first_page_has_the_title_persona_state_and_description() -> None:
    reader = read(to_pdf(wide_map(), description=SHORT))
    first, second = (reader.pages[i].extract_text() for i in (0, 1))
    for text in ("Thirty steps to a mortgage", "Mara", "Current state", "How first-time buyers get a mortgage"):
        assert text in first
    assert "How first-time buyers" not in second
    assert reader.metadata is not None
    assert reader.metadata.title == "Thirty steps to a mortgage"
    told = read(to_pdf(wide_map(), description="A summary written for the board.")).pages[0].extract_text()
    assert "A summary written for the board." in told
    assert "How first-time buyers" not in told


@pytest.mark.parametrize(
    ("page", "orientation", "size"),
    [
        ("A4", "portrait", PAGE_SIZES["A4"]),
        ("a3", "landscape", (PAGE_SIZES["A3"][1], PAGE_SIZES["A3"][0])),
        ("Letter", "landscape", (792.0, 612.0)),
        ((600, 900), "portrait", (600 * 72 / 25.4, 900 * 72 / 25.4)),
    ],
)
def test_page_sizes_and_orientations(page: Any, orientation: str, size: tuple[float, float]) -> None:
    reader = read(to_pdf(build_small(), page=page, orientation=orientation, description=""))
    assert len(reader.pages) == 1
    assert page_size(reader, 0) == pytest.approx(size, abs=0.01)


def test_a_poster_holds_what_a4_splits() -> None:
    journey = wide_map()
    a4 = len(read(to_pdf(journey)).pages)
    poster = read(to_pdf(journey, page="A0"))
    assert a4 > len(poster.pages) == 1
    assert all(f"Step 6.{k}" in poster.pages[0].extract_text() for k in range(1, 6))


def test_a_stage_wider_than_a_page_is_split_between_its_steps() -> None:
    journey = wide_map(stages=1, steps=14)
    texts = [page.extract_text() for page in read(to_pdf(journey, description="")).pages]
    assert len(texts) >= 2
    assert "Stage 1 (continued)" in texts[1]
    assert "(continued)" not in texts[0]
    steps = [f"Step 1.{k}" for k in range(1, 15)]
    assert [s for text in texts for s in steps if f"{s}\n" in text + "\n" or f"{s} " in text] == steps


def test_many_lanes_are_split_between_lanes_with_the_step_headers_repeated() -> None:
    journey = wide_map(stages=1, steps=3)
    for n in range(14):
        lane = journey.add_lane(f"Extra lane {n + 1}", "text")
        for step in journey.steps:
            journey.set_cell(lane, step.id, "A longer note that wraps onto a few lines in its column.")
    texts = [page.extract_text() for page in read(to_pdf(journey, description="")).pages]
    assert len(texts) >= 2
    shown = [n for text in texts for n in range(1, 15) if f"Extra lane {n}\n" in text]
    assert shown == list(range(1, 15))  # each lane once, in order
    assert all("Step 1.1" in text and "STEP" in text for text in texts)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"page": "B5"}, "unknown page size 'B5'"),
        ({"page": (10, 10)}, "50-5000 mm"),
        ({"orientation": "sideways"}, "'landscape' or 'portrait'"),
        ({"description": 42}, "the description is text"),
    ],
)
def test_bad_options_are_refused_by_name(options: dict[str, Any], message: str) -> None:
    with pytest.raises(JourneyError, match="to_pdf") as caught:
        to_pdf(build_small(), **options)
    assert message in str(caught.value)


def test_save_writes_a_pdf_by_suffix_and_load_refuses_it(tmp_path: Path) -> None:
    target = save(build_small(), tmp_path / "map.pdf")
    assert "'Open a bank account' is a current-state journey map" in read(target.read_bytes()).pages[0].extract_text()
    assert build_small().to_pdf(tmp_path / "direct.pdf") == (tmp_path / "direct.pdf").read_bytes()
    with pytest.raises(JourneyFileError, match=r"\.pdf files are exports that cannot be read back"):
        load(target)
