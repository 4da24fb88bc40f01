"""One self-contained HTML file of a map: opens from disk, offline, in any browser.

The file holds the widget's own front end (``static/standalone.js``, mounted read-only), the
document as JSON in a ``<script type="application/json">`` element, the emotion and metric
charts of :mod:`jmwidget.charts` with the Vega libraries from vl-convert, zoom controls, and a
print stylesheet. A Content-Security-Policy forbids every
network request, and the static SVG of :mod:`jmwidget.pictures` is the ``<noscript>`` fallback.
Printed from the browser, the page shows the same A4 landscape pages as :func:`jmwidget.pictures.to_pdf`
(:func:`._pages.page_svgs`: split at stage boundaries, the lane headers on every page, the title,
persona, state and description on the first), embedded as SVG and hidden on screen; the live map
is not printed.
Under the map, "About this map" describes it in plain language (:func:`jmwidget.prose.describe`,
the SVG's ``<desc>``; its first paragraph is the page's meta description).

>>> from jmwidget import Journey
>>> html = to_html(Journey.from_template("onboarding"))
>>> html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import write_text
from ..prose import describe
from ._pages import page_svgs
from ._svg import to_svg

if TYPE_CHECKING:
    from ..model import Journey

STATIC = Path(__file__).parent.parent / "static"
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)

PAGE_CSS = """
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222;
  background: #fff; }
header { position: sticky; top: 0; z-index: 20; }
.jmx-toolbar { position: sticky; top: 0; z-index: 20; display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  padding: 6px 12px; background: #f7f8fa; border-bottom: 1px solid #ddd; font-size: 13px; }
.jmx-toolbar button { font: inherit; padding: 2px 9px; border: 1px solid #bdbdbd; border-radius: 3px;
  background: #fff; color: #222; cursor: pointer; }
.jmx-toolbar button:hover { border-color: #1976d2; color: #1976d2; }
.jmx-toolbar output { min-width: 3.5em; text-align: center; font-variant-numeric: tabular-nums; }
.jmx-hint { color: #616161; margin-left: auto; }
main { padding: 12px; }
#jmw-map .jmw-grid { zoom: var(--jmx-zoom, 1); }
.jmx-charts { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 20px; }
.jmx-charts h2 { flex-basis: 100%; margin: 0; font-size: 16px; }
.jmx-chart { margin: 0; }
.jmx-error { color: #b71c1c; padding: 8px 12px; }
.jmx-footer { color: #616161; font-size: 12px; padding: 0 12px 12px; }
.jmx-about { max-width: 60em; margin-top: 16px; font-size: 14px; line-height: 1.5; }
.jmx-about h2 { margin: 0 0 4px; font-size: 16px; }
.jmx-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap; }
.jmx-print { display: none; }
@page { size: A4 landscape; margin: 0; }
@media print {
  .jmx-toolbar, .jmx-footer, #jmw-map, .jmx-about { display: none !important; }
  main { padding: 0; }
  .jmx-print { display: block; }
  .jmx-print-page { width: 297mm; height: 210mm; overflow: hidden; break-after: page; }
  .jmx-print-page:last-child { break-after: auto; }
  .jmx-print-page > svg { display: block; width: 100%; height: 100%; }
  .jmx-charts { break-before: page; padding: 10mm; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
  .jmx-chart { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def script_json(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<``, ``>`` and ``&`` are escaped
    as ``\\u003c`` etc., so ``</script>`` inside user text cannot end the element."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def inline_script(code: str) -> str:
    """JavaScript made safe to sit inside ``<script>``: ``</script`` and ``<!--`` cannot occur in it."""
    code = re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)
    return code.replace("<!--", "<\\!--")


def _static(name: str) -> str:
    path = STATIC / name
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing: the front end is not built. Run `npm run build` in the jmwidget checkout "
            "(or install jmwidget from a wheel, which ships it)."
        )
    return path.read_text(encoding="utf-8")


def chart_specs(journey: Journey) -> list[dict[str, Any]]:
    """Vega-Lite specs of the map's charts: the emotional arc of each emotion lane, then each metric lane."""
    from .. import charts

    specs: list[dict[str, Any]] = []
    for lane in journey.lanes:
        if lane.kind == "emotion" and journey.steps:
            specs.append(charts.emotion(journey, lane=lane.id).to_dict())
        elif lane.kind == "metric" and journey.steps:
            specs.append(charts.metric(journey, lane.id).to_dict())
    return specs


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """vega, vega-lite and vega-embed as one script (from vl-convert, matching Altair's Vega-Lite).

    Built once per process (it takes seconds); the globals ``vegaEmbed``, ``vegaLite``, ``vega``.
    """
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    globals_snippet = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"
    bundle: str = vl_convert.javascript_bundle(globals_snippet, vl_version=vl_version_for_vl_convert())
    return bundle


def _charts_section(specs: list[dict[str, Any]]) -> str:
    if not specs:
        return ""
    figures = "".join(
        f'<figure class="jmx-chart" data-chart="{index}"><div class="jmx-chart-view"></div>'
        f'<script type="application/json">{script_json(spec)}</script></figure>'
        for index, spec in enumerate(specs)
    )
    return f'<section class="jmx-charts" aria-label="Charts"><h2>Charts</h2>{figures}</section>'


def print_pages(doc: dict[str, Any]) -> str:
    """The map's printed pages (A4 landscape, as :func:`jmwidget.pictures.to_pdf` cuts them), one SVG
    per ``.jmx-print-page``; the stylesheet shows them only in print. ElementTree escaped the text."""
    pages = "".join(f'<div class="jmx-print-page">{svg}</div>' for svg in page_svgs(doc, "A4", "landscape", None))
    return f'<section class="jmx-print" aria-hidden="true">{pages}</section>'


def to_html(journey: Journey, path: str | Path | None = None, *, charts: bool = True) -> str:
    """The map as one self-contained HTML page; also written to ``path`` (UTF-8) when given.

    The file is replaced atomically, like every save (:func:`jmwidget.formats.write_atomic`): a
    failed write raises ``OSError`` and leaves the old file as it was.

    ``charts=False`` leaves out the Altair charts and the Vega libraries (about 1 MB).
    """
    from .._version import __version__

    doc = journey.to_dict()
    title = html.escape(str(doc.get("title") or "Untitled journey"))
    about = describe(doc).split("\n\n")  # the long description, also the SVG's <desc>
    about_html = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in about)
    specs = chart_specs(journey) if charts else []
    vega = f"<script>{inline_script(vega_bundle())}</script>" if specs else ""
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jmwidget {html.escape(__version__)}">
<meta name="description" content="{html.escape(about[0])}">
<title>{title}</title>
<style>{_static("standalone.css")}</style>
<style>{PAGE_CSS}</style>
</head>
<body>
<header>
<div class="jmx-toolbar" role="toolbar" aria-label="View">
<button type="button" data-zoom="out" title="Zoom out (Ctrl + wheel)" aria-label="Zoom out">&minus;</button>
<output data-zoom-level aria-live="polite">100%</output>
<button type="button" data-zoom="in" title="Zoom in (Ctrl + wheel)" aria-label="Zoom in">+</button>
<button type="button" data-zoom="reset" title="Actual size">1:1</button>
<button type="button" data-zoom="fit" title="Fit the map to the window width">Fit width</button>
<button type="button" data-zoom="print" title="Print, or save as PDF: A4 landscape pages cut at stages">Print…</button>
<span class="jmx-hint">Ctrl + wheel zooms · hover a header or card for details</span>
</div>
</header>
<main>
<h1 class="jmx-sr-only">{title}</h1>
<div id="jmw-map" data-height="75vh"></div>
<noscript>{to_svg(doc)}</noscript>
{print_pages(doc)}
<section class="jmx-about" aria-labelledby="jmx-about-title"><h2 id="jmx-about-title">About this map</h2>
{about_html}</section>
{_charts_section(specs)}
</main>
<footer class="jmx-footer">Exported by jmwidget {html.escape(__version__)}. This file works offline.</footer>
<script type="application/json" id="jmw-doc">{script_json(doc)}</script>
{vega}
<script>{inline_script(_static("standalone.js"))}</script>
</body>
</html>
"""
    if path is not None:
        write_text(path, page)
    return page


__all__ = ["chart_specs", "inline_script", "print_pages", "script_json", "to_html", "vega_bundle"]
