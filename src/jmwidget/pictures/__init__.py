"""Pictures and pages: the map as SVG and PNG (pure Python), the static fallback of a displayed
map, and one self-contained offline HTML page."""

from __future__ import annotations

from ._fallback import fallback_document, mimebundle
from ._html import to_html
from ._svg import to_png, to_svg

__all__ = ["fallback_document", "mimebundle", "to_html", "to_png", "to_svg"]
