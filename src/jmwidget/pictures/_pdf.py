"""The map as a PDF: one page (A4 landscape unless told) or, for a map wider or taller than a
readable page, several, cut by :mod:`._pages` at stage boundaries with the headers on every page.

Each page is drawn as SVG and converted by vl-convert (``svg_to_pdf``, already a dependency for
PNG), which keeps the text as text: a reader can search and copy it. vl-convert makes one PDF per
SVG, so the pages are joined with pypdf (a small pure-Python library), which also sets the
document's title.

>>> from jmwidget import Journey
>>> to_pdf(Journey.from_template("onboarding"))[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import write_atomic
from ._pages import page_svgs
from ._svg import _document

if TYPE_CHECKING:
    from ..model import Journey


def to_pdf(
    journey: Journey | Mapping[str, Any],
    path: str | Path | None = None,
    *,
    page: str | tuple[float, float] = "A4",
    orientation: str = "landscape",
    description: str | None = None,
) -> bytes:
    """The map as PDF bytes; also written to ``path`` (atomically) when given.

    ``page`` is ``"A4"``, ``"A3"``, ``"Letter"``, a poster size (``"A2"``, ``"A1"``, ``"A0"``,
    ``"Tabloid"``) or ``(width_mm, height_mm)``; ``orientation`` is ``"landscape"`` or
    ``"portrait"``. A map that does not fit a page at a readable size is split: between stages
    (a stage wider than a page between its steps) and, for many lanes, between lanes; every page
    repeats the title, the legend, the stage and step headers and the lane headers with the
    emotion scale. ``description`` is printed at the top of the first page (default: the map's
    own description followed by :meth:`~jmwidget.Journey.describe`'s; ``""`` for none).
    """
    import vl_convert
    from pypdf import PdfReader, PdfWriter

    doc = _document(journey)
    writer = PdfWriter()
    for svg in page_svgs(doc, page, orientation, description):
        writer.append(PdfReader(io.BytesIO(vl_convert.svg_to_pdf(svg))))
    writer.add_metadata({"/Title": str(doc.get("title") or "Untitled journey"), "/Creator": "jmwidget"})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    if path is not None:
        write_atomic(path, data)
    return data


__all__ = ["to_pdf"]
