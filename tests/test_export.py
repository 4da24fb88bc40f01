"""The self-contained HTML export (jmwidget.pictures) and the static fallback in nbconvert's HTML."""

from __future__ import annotations

import base64
import json
import os
import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from jmwidget import Journey, _atomic
from jmwidget.pictures import _html as export
from jmwidget.pictures import to_html
from jmwidget.pictures._html import inline_script, script_json
from jmwidget.pictures._pages import page_svgs

from .conftest import build_small
from .test_pdf import wide_map

HOSTILE_TITLE = "Bank </script><script>alert(1)</script> & <!-- co"
HOSTILE_CARD = "<img src=x onerror=alert(2)>"


class Page(HTMLParser):
    """Tags, attributes, script bodies and visible text of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))
        elif tag in ("style", "noscript"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        elif tag in ("style", "noscript"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif not self._skip:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def hostile_map() -> Journey:
    journey = build_small()
    journey.edit(title=HOSTILE_TITLE)
    journey.add_card("pains", "see-advert", HOSTILE_CARD, color="blue")
    return journey


@pytest.fixture(scope="module")
def exported() -> tuple[Journey, str]:
    journey = hostile_map()
    return journey, to_html(journey)


# ---------------------------------------------------------------- to_html


def test_the_document_travels_as_escaped_json(exported: tuple[Journey, str]) -> None:
    journey, html = exported
    page = parse(html)
    docs = [body for attrs, body in page.scripts if attrs.get("id") == "jmw-doc"]
    assert len(docs) == 1
    assert json.loads(docs[0]) == journey.to_dict()
    # The title's "</script>" could not close the element: every script element is one we wrote.
    kinds = [(attrs.get("type"), attrs.get("id")) for attrs, _body in page.scripts]
    chart_count = 2  # one emotion lane, one metric lane
    assert kinds.count(("application/json", None)) == chart_count
    assert kinds.count((None, None)) == 2  # the Vega libraries and the jmwidget front end
    assert len(kinds) == chart_count + 3


def test_the_page_needs_no_network(exported: tuple[Journey, str]) -> None:
    _journey, html = exported
    page = parse(html)
    for tag, attrs in page.tags:
        assert not attrs.get("src"), f"<{tag}> loads {attrs.get('src')}"
        assert tag != "link", "no stylesheets or icons from elsewhere"
        if tag == "a":
            assert not (attrs.get("href") or "").startswith(("http:", "https:", "//"))
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp.get("content") or "")
    assert "connect-src" not in (csp.get("content") or "")  # covered by default-src 'none'


def test_the_title_is_escaped_and_shown_once_as_text(exported: tuple[Journey, str]) -> None:
    _journey, html = exported
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert title.group(1) == "Bank &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!-- co"
    assert "<script>alert(1)" not in html


def test_charts_and_vega_are_inlined(exported: tuple[Journey, str]) -> None:
    journey, html = exported
    page = parse(html)
    specs = [json.loads(body) for attrs, body in page.scripts if attrs.get("type") == "application/json"][:-1]
    assert specs == export.chart_specs(journey)
    code = [body for attrs, body in page.scripts if not attrs]
    assert len(code) == 2
    assert "vega-lite" in code[0].lower()
    without = parse(to_html(journey, charts=False))
    assert len([body for attrs, body in without.scripts if not attrs]) == 1  # the front end alone
    assert not [a for t, a in without.tags if t == "figure"]


def test_print_stylesheet_and_zoom_controls(exported: tuple[Journey, str]) -> None:
    _journey, html = exported
    assert "@media print" in html
    assert "size: A4 landscape" in html
    page = parse(html)
    actions = [a.get("data-zoom") for t, a in page.tags if t == "button"]
    assert actions == ["out", "in", "reset", "fit", "print"]


def test_the_printed_pages_are_the_pdf_pages_hidden_on_screen(exported: tuple[Journey, str]) -> None:
    journey, html = exported
    pages = page_svgs(journey.to_dict(), "A4", "landscape", None)
    section = re.search(r'<section class="jmx-print" aria-hidden="true">(.*?)</section>', html, re.S)
    assert section is not None
    blocks = re.findall(r'<div class="jmx-print-page">(<svg .*?</svg>)</div>', section.group(1), re.S)
    assert blocks == pages
    assert "Bank &lt;/script&gt;" in pages[0]  # the hostile title, escaped, in the first page's title block
    (css,) = [style for style in re.findall(r"<style>(.*?)</style>", html, re.S) if ".jmx-print" in style]
    screen, _, printed = css.partition("@media print {")
    assert ".jmx-print { display: none; }" in screen
    assert "@page { size: A4 landscape; margin: 0; }" in screen  # the pages carry their own margins
    assert "#jmw-map, .jmx-about { display: none !important; }" in printed
    assert ".jmx-print { display: block; }" in printed
    assert ".jmx-print-page { width: 297mm; height: 210mm; overflow: hidden; break-after: page; }" in printed


def test_a_wide_map_prints_on_several_pages() -> None:
    journey = wide_map()
    html = to_html(journey, charts=False)
    pages = re.findall(r'<div class="jmx-print-page"><svg ', html)
    assert len(pages) == len(page_svgs(journey.to_dict(), "A4", "landscape", None)) >= 3


def test_noscript_fallback_is_the_svg(exported: tuple[Journey, str]) -> None:
    journey, html = exported
    assert f"<noscript>{journey.to_svg()}</noscript>" in html


def test_written_to_a_path(tmp_path: Path) -> None:
    journey = build_small()
    target = tmp_path / "map.html"
    html = journey.to_html(target, charts=False)
    assert target.read_text(encoding="utf-8") == html


def test_written_to_a_path_through_a_temporary_file_renamed_over_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_text("old page", encoding="utf-8")
    target.chmod(0o640)
    renames: list[tuple[Path, Path, str, str]] = []
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        renames.append(
            (Path(src), Path(dst), Path(src).read_text(encoding="utf-8"), target.read_text(encoding="utf-8"))
        )
        real_replace(src, dst)

    monkeypatch.setattr(_atomic.os, "replace", replace)
    html = to_html(build_small(), target, charts=False)
    [(temp, renamed, written, before)] = renames
    assert temp.parent == tmp_path
    assert temp.name.startswith(".map.html.")
    assert renamed == target
    assert written == html  # the whole page is on disk before the rename
    assert before == "old page"  # and the old file is untouched until then
    assert target.read_text(encoding="utf-8") == html
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_a_failed_write_to_a_path_keeps_the_old_file_and_removes_the_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_text("old page", encoding="utf-8")

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_atomic.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left on device"):
        to_html(build_small(), target, charts=False)
    assert target.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_missing_front_end_bundle_is_explained(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(export, "STATIC", tmp_path)
    with pytest.raises(FileNotFoundError, match="npm run build"):
        to_html(build_small())


def test_script_escaping_helpers() -> None:
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text
    assert ">" not in text
    assert "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}
    code = inline_script('var s = "</SCRIPT>"; // <!-- x')
    assert "</script" not in code.lower()
    assert "<!--" not in code


# ---------------------------------------------------------------- nbconvert: widget view or static picture

NOTEBOOK_SOURCE = """from jmwidget import Journey
journey = Journey({title!r}, persona="Ana")
journey.add_stage("Discover", steps=["See advert"])
lane = journey.add_lane("Pain points", kind="cards")
journey.add_card(lane, "See advert", {card!r})
journey"""


def nbconvert(directory: Path, *, widget_state: bool) -> str:
    """``jupyter nbconvert --to html --execute`` on a notebook that displays a map."""
    import nbformat

    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    notebook.cells = [
        nbformat.v4.new_code_cell(NOTEBOOK_SOURCE.format(title="Renew <b>a</b> passport", card=HOSTILE_CARD))
    ]
    name = "with_state" if widget_state else "no_state"
    nbformat.write(notebook, directory / f"{name}.ipynb")
    command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--execute", f"{name}.ipynb"]
    if not widget_state:
        command.append("--ExecutePreprocessor.store_widget_state=False")
    subprocess.run(command, cwd=directory, check=True, capture_output=True, timeout=300)
    return (directory / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("nbconvert")
    return {"no_state": nbconvert(directory, widget_state=False), "with_state": nbconvert(directory, widget_state=True)}


def widget_scripts(page: Page, kind: str) -> list[Any]:
    return [json.loads(body) for attrs, body in page.scripts if attrs.get("type") == f"application/vnd.jupyter.{kind}"]


def test_nbconvert_without_widget_state_shows_the_picture(converted: dict[str, str]) -> None:
    page = parse(converted["no_state"])
    assert not widget_scripts(page, "widget-view+json")
    # The picture is stored once, as image/svg+xml, which nbconvert embeds as an image.
    (svg,) = [base64.b64decode(a["src"].split(",", 1)[1]).decode() for t, a in page.tags if t == "img" and
              a.get("src", "").startswith("data:image/svg+xml;base64,")]  # fmt: skip
    assert "Renew &lt;b&gt;a&lt;/b&gt; passport" in svg  # the SVG's title and text, escaped
    assert "&lt;img" in svg  # the hostile card, as text
    assert "<img" not in svg
    assert not [a for t, a in page.tags if t == "img" and a.get("src") == "x"]
    assert "<b>a</b>" not in converted["no_state"]  # escaped in the code cell and in the picture
    assert "<b>a</b>" not in svg


def test_nbconvert_with_widget_state_renders_the_widget_view(converted: dict[str, str]) -> None:
    """nbconvert prefers the widget view when the state is saved (the default with --execute); the page
    then loads the Jupyter widgets HTML manager and anywidget from CDNs to draw it (see
    tests/e2e/test_export_html.py, which serves them from node_modules)."""
    page = parse(converted["with_state"])
    views = widget_scripts(page, "widget-view+json")
    (state,) = widget_scripts(page, "widget-state+json")
    assert len(views) == 1
    model = state["state"][views[0]["model_id"]]
    assert model["state"]["_doc"]["title"] == "Renew <b>a</b> passport"
    assert not [a for t, a in page.tags if t == "div" and a.get("class") == "jmw-static"]
