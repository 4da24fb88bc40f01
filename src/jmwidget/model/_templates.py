"""Worked-example journey maps that ship with jmwidget.

Each template is a JSON document in the package's ``templates/`` data folder (``<name>.json``),
loaded with :meth:`Journey.from_json <jmwidget.Journey.from_json>`: templates are data, not code.

>>> "onboarding" in template_names()
True
>>> load_template("blank").title
'Untitled journey map'
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from ._errors import JourneyError
from ._journey import Journey

SUFFIX = ".json"


def _folder() -> Traversable:
    return files("jmwidget").joinpath("templates")


def template_names() -> list[str]:
    """The names of the bundled templates, sorted."""
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in _folder().iterdir()
        if entry.is_file() and entry.name.endswith(SUFFIX)
    )


def load_template(name: str) -> Journey:
    """A fresh copy of the template ``name``; raise :class:`JourneyError` listing the names if unknown."""
    names = template_names()
    if name not in names:
        raise JourneyError(
            f"no template {name!r}; the templates are: {', '.join(names)} (or give the path of a map file)"
        )
    return Journey.from_json(_folder().joinpath(name + SUFFIX).read_text(encoding="utf-8"))


__all__ = ["load_template", "template_names"]
