"""The static fallback of a displayed map, for places without a widget front end (GitHub,
nbviewer, nbconvert): the SVG picture inline, of the whole map or of its first steps when it is
large, so that displaying one stays cheap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..prose import describe
from ._svg import to_svg

if TYPE_CHECKING:
    from ..model import Journey

#: The static fallback draws at most this many cells (steps x lanes): a display must stay cheap.
FALLBACK_CELLS = 600


def fallback_document(journey: Journey, *, cells: int = FALLBACK_CELLS) -> dict[str, Any]:
    """The document the static fallback draws: the whole map, or its first steps when it is large.

    A map with more than ``cells`` cells keeps its first ``cells // lanes`` steps (at least one),
    the connections and annotations among them, and says so in its title.
    """
    doc = journey.to_dict()
    steps = [step["id"] for stage in doc["stages"] for step in stage["steps"]]
    keep_count = max(1, cells // max(1, len(doc["lanes"])))
    if len(steps) <= keep_count:
        return doc
    keep = set(steps[:keep_count])
    doc["stages"] = [
        {**stage, "steps": [step for step in stage["steps"] if step["id"] in keep]}
        for stage in doc["stages"]
        if any(step["id"] in keep for step in stage["steps"])
    ]
    for key in ("cells", "annotations"):
        if key in doc:
            doc[key] = {lane: {s: v for s, v in row.items() if s in keep} for lane, row in doc[key].items()}
    if "connections" in doc:
        doc["connections"] = [c for c in doc["connections"] if c["from"]["step"] in keep and c["to"]["step"] in keep]
    doc["title"] = f"{doc['title']} (first {keep_count} of {len(steps)} steps)"
    return doc


def static_display(journey: Journey) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Static display data and its metadata, for places without a widget front end (GitHub,
    nbviewer, nbconvert), from one drawing of the map.

    The picture is stored once, as ``image/svg+xml``: every notebook viewer draws it (GitHub and
    JupyterLab as an image, nbconvert's HTML too), whereas inline SVG in ``text/html`` is removed
    by sanitisers such as GitHub's. ``text/plain`` is a one-line summary. The metadata gives the
    picture's text alternative (``alt``): the first paragraph of :func:`jmwidget.prose.describe`,
    who and what the map is. Large maps are drawn in part (:func:`fallback_document`), so
    displaying one stays cheap.
    """
    doc = fallback_document(journey)
    data = {"image/svg+xml": to_svg(doc), "text/plain": repr(journey)}
    return data, {"image/svg+xml": {"alt": describe(doc).split("\n\n")[0]}}


def mimebundle(journey: Journey) -> dict[str, str]:
    """The static display data alone (see :func:`static_display`)."""
    return static_display(journey)[0]


__all__ = ["FALLBACK_CELLS", "fallback_document", "mimebundle", "static_display"]
