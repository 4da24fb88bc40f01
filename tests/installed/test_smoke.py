"""Smoke tests of an installed jmwidget: everything the package reads at run time must have shipped.

scripts/test.sh copies this file to a temporary folder outside the checkout and runs it with the
python of a clean virtual environment, twice: after ``pip install <checkout>`` and after installing
the wheel built from the sdist. The normal pytest run does not collect it (see conftest.py beside
it): there jmwidget is the editable install, which reads its data from the checkout and so cannot
show that a wheel ships it.

Only jmwidget's public API is used; the package's folders are looked at only to check that the
installed copy is the one under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

import jmwidget
from jmwidget import Journey, JourneyWidget, LossyFormatWarning

SITE_PACKAGES = Path(sysconfig.get_paths()["purelib"]).resolve()
PACKAGE = Path(jmwidget.__file__).resolve().parent
# Templates that ship with jmwidget today; more may be added, none of these may go missing.
KNOWN_TEMPLATES = {"blank", "onboarding", "service-blueprint", "restaurant-order", "returns"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _installed_copy() -> None:
    """Every test fails, rather than passes against the checkout, when jmwidget is not the installed copy."""
    if not PACKAGE.is_relative_to(SITE_PACKAGES):
        pytest.fail(f"jmwidget imported from {PACKAGE}, not from this environment's {SITE_PACKAGES}", pytrace=False)


def step_names(journey: Journey) -> list[str]:
    return [step.name for step in journey.steps]


def test_jmwidget_is_the_installed_copy_not_the_checkout() -> None:
    assert sys.prefix != sys.base_prefix, f"not running in a virtual environment: {sys.executable}"
    assert PACKAGE.is_relative_to(SITE_PACKAGES), f"jmwidget imported from {PACKAGE}, not from {SITE_PACKAGES}"
    assert Path(sys.prefix).resolve() in SITE_PACKAGES.parents
    dist = metadata.distribution("jmwidget")
    assert dist.version == jmwidget.__version__
    direct_url = json.loads(dist.read_text("direct_url.json") or "{}")
    assert not direct_url.get("dir_info", {}).get("editable"), f"an editable install: {direct_url}"


def test_a_new_journey_with_stages_steps_lanes_and_edits() -> None:
    j = Journey("Renew a passport", persona="Sam", channels=["Website", "Post office"])
    j.add_stage("Prepare", steps=["Find form", "Take photo"], id="prepare")
    j.add_stage("Apply", steps=["Send form"], id="apply")
    j.add_step("apply", "Pay fee")
    j.add_lane("Actions", "text", id="actions")
    j.add_lane("Emotion", "emotion", id="emotion")
    j.add_lane("Channels", "channels", id="channels")
    j.add_lane("Wait", "metric", id="wait", unit="days", format="count")
    j.add_lane("Pain points", "cards", id="pains")
    j.set_cell("actions", "Find form", "Searches the website")
    j.set_cell("emotion", "Take photo", 2)
    j.set_cell("channels", "Send form", ["Post office"])
    j.set_cell("wait", "Send form", 21)
    card = j.add_card("pains", "Take photo", "Photo rejected twice", color="pink")
    j.rename_step("Find form", "Find the form")
    j.move_step("Pay fee", 0)
    j.rename_stage("apply", "Apply by post")

    assert [stage.name for stage in j.stages] == ["Prepare", "Apply by post"]
    assert step_names(j) == ["Find the form", "Take photo", "Pay fee", "Send form"]
    assert [lane.kind for lane in j.lanes] == ["text", "emotion", "channels", "metric", "cards"]
    assert j.get_cell("Actions", "Find the form") == "Searches the website"
    assert j.get_cell("Emotion", "Take photo") == 2
    assert j.card(card)["text"] == "Photo rejected twice"

    j.set_cell("actions", "Find the form", "Asks a friend")
    assert j.undo() is not None
    assert j.get_cell("actions", "Find the form") == "Searches the website"
    j.delete_lane("wait")
    assert [lane.name for lane in j.lanes] == ["Actions", "Emotion", "Channels", "Pain points"]

    # Loading the document again validates it against the JSON Schema that ships in the package.
    again = Journey.from_json(j.to_json())
    assert again.to_dict() == j.to_dict()
    tidy = j.to_pandas()
    assert {"Searches the website", "Photo rejected twice"} <= {str(v) for v in tidy.to_numpy().ravel()}


def test_the_templates_are_all_there() -> None:
    names = jmwidget.templates()
    assert set(names) >= KNOWN_TEMPLATES, f"templates missing from the installed package: {names}"


@pytest.mark.parametrize("name", jmwidget.templates())
def test_every_template_loads_and_round_trips(name: str) -> None:
    journey = Journey.from_template(name)
    assert journey.title.strip()
    if name != "blank":
        assert journey.steps, f"template {name!r} has no steps"
        assert journey.lanes, f"template {name!r} has no lanes"
    assert Journey.from_json(journey.to_json()).to_dict() == journey.to_dict()
    assert Journey.from_template(name).to_dict() == journey.to_dict()  # a fresh copy each time


def test_save_and_load_json_and_xlsx_keep_the_whole_map(tmp_path: Path) -> None:
    journey = Journey.from_template("service-blueprint")
    for suffix in (".json", ".xlsx"):
        path = journey.save(tmp_path / f"map{suffix}")
        assert path.stat().st_size > 0
        assert Journey.load(path).to_dict() == journey.to_dict(), suffix


def test_save_and_load_csv(tmp_path: Path) -> None:
    journey = Journey.from_template("onboarding")
    path = journey.save(tmp_path / "map.csv")
    assert path.read_text(encoding="utf-8").splitlines()[0].startswith("stage")
    again = Journey.load(path)
    assert step_names(again) == step_names(journey)
    assert again.to_pandas(form="wide").equals(journey.to_pandas(form="wide"))


def test_csv_of_a_blueprint_warns_about_what_it_drops(tmp_path: Path) -> None:
    journey = Journey.from_template("service-blueprint")
    with pytest.warns(LossyFormatWarning, match=f"{len(journey.connections)} connections"):
        path = journey.save(tmp_path / "blueprint.csv")
    again = Journey.load(path)
    assert step_names(again) == step_names(journey)
    assert again.connections == ()


def test_save_and_load_mermaid(tmp_path: Path) -> None:
    journey = Journey.from_template("onboarding")
    with pytest.warns(LossyFormatWarning, match="lane 'Actions'"):
        path = journey.save(tmp_path / "map.mmd")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("journey\n")
    assert f"title {journey.title}" in text
    again = Journey.load(path)
    assert again.title == journey.title
    assert step_names(again) == step_names(journey)
    assert [lane.kind for lane in again.lanes] == ["emotion"]


def test_mermaid_text_round_trip() -> None:
    journey = Journey.from_template("onboarding")
    with pytest.warns(LossyFormatWarning):
        text = journey.to_mermaid()
    again = Journey.from_mermaid(text)
    assert [stage.name for stage in again.stages] == [stage.name for stage in journey.stages]
    assert step_names(again) == step_names(journey)


def test_save_svg_png_and_html(tmp_path: Path) -> None:
    journey = Journey.from_template("onboarding")
    svg = journey.save(tmp_path / "map.svg").read_text(encoding="utf-8")
    assert svg == journey.to_svg()
    assert journey.save(tmp_path / "map.png").read_bytes().startswith(PNG_MAGIC)
    page = journey.save(tmp_path / "map.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert journey.title in page


def test_save_pdf_pages(tmp_path: Path) -> None:
    journey = Journey.from_template("onboarding")
    from pypdf import PdfReader  # a dependency of jmwidget's PDF export

    path = journey.save(tmp_path / "map.pdf")
    assert path.read_bytes().startswith(b"%PDF-")
    pages = PdfReader(path).pages
    assert len(pages) >= 2  # a cover describing the map, then the map's pages
    assert "Opening a current account in the app" in pages[0].extract_text()


def test_a_map_bound_to_a_funnel_refreshes_from_pandas() -> None:
    import pandas as pd

    from jmwidget import data

    journey = Journey.from_template("onboarding")
    steps = {"Downloads the app": "install", "Looks for requirements": "faq"}
    journey.bind("Conversion", data.funnel("events", steps=steps, case="user", event="event", timestamp="at"),
                 column="conversion")  # fmt: skip
    at = pd.to_datetime(["2026-01-05 09:00", "2026-01-05 09:05", "2026-01-05 10:00"])
    events = pd.DataFrame({"user": ["a", "a", "b"], "event": ["install", "faq", "install"], "at": at})
    report = journey.refresh(events=events)
    assert journey.get_cell("Conversion", "Looks for requirements") == 50.0
    assert report.revision == journey.revision
    assert journey.refresh(events=events).revision is None


def test_to_svg_draws_every_step() -> None:
    journey = Journey.from_template("onboarding")
    svg = journey.to_svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    text = " ".join("".join(element.itertext()) for element in root.iter())
    for name in [journey.title, *step_names(journey)]:
        assert name in svg or name in text, f"{name!r} is not in the SVG"


def test_to_png_is_a_png_picture() -> None:
    png = Journey.from_template("onboarding").to_png(scale=1)
    assert png.startswith(PNG_MAGIC)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 200
    assert height > 100


def test_to_html_inlines_the_shipped_front_end() -> None:
    journey = Journey.from_template("onboarding")
    page = journey.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert journey.title in page
    for name in step_names(journey):
        assert name in page, f"{name!r} is not in the page"
    bundle = (PACKAGE / "static" / "standalone.js").read_text(encoding="utf-8")
    assert len(bundle) > 10_000
    assert bundle[:200] in page, "the page does not inline the installed static/standalone.js"


def test_journey_widget_has_its_front_end() -> None:
    journey = Journey.from_template("onboarding")
    widget = JourneyWidget(journey)
    assert widget.journey is journey
    esm = PACKAGE / "static" / "widget.js"
    assert esm.is_file()
    assert esm.stat().st_size > 10_000
    # On the instance, anywidget holds the text of the files the class names.
    assert str(widget._esm) == esm.read_text(encoding="utf-8")
    assert "export" in str(widget._esm)
    assert str(widget._css) == (PACKAGE / "static" / "widget.css").read_text(encoding="utf-8")
    assert widget._doc["title"] == journey.title


def test_console_script_serve_help() -> None:
    scripts = Path(sysconfig.get_path("scripts"))
    command = scripts / ("jmwidget.exe" if os.name == "nt" else "jmwidget")
    assert command.is_file(), f"no jmwidget console script in {scripts}"
    result = subprocess.run([str(command), "serve", "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "--readonly" in result.stdout
    assert "usage: jmwidget serve" in result.stdout


def test_alignment_analysis_of_the_blueprint_template() -> None:
    frame = jmwidget.analysis.alignment(Journey.from_template("service-blueprint"))
    assert len(frame) > 0
    assert {"kind", "message"} <= set(frame.columns)
    assert set(frame["kind"]) <= {"no-frontstage", "no-backstage"}
    assert all(isinstance(message, str) and message for message in frame["message"])
