"""Pictures and pages: the map as SVG and PNG (pure Python), the static fallback of a displayed
map, one self-contained offline HTML page, and a PDF in pages."""

from __future__ import annotations

from ._fallback import fallback_document, mimebundle, static_display
from ._html import to_html
from ._pdf import to_pdf
from ._svg import to_png, to_svg

__all__ = ["fallback_document", "mimebundle", "static_display", "to_html", "to_pdf", "to_png", "to_svg"]
