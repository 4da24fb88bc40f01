"""Journey: the map class, assembled from its parts, and its conveniences into the other layers.

The parts, each a base class of the next: ``JourneyState`` (document, JSON, reading),
``JourneyChanges`` (observers, apply, transactions, undo/redo), ``JourneyEditing`` (editing helpers)
and ``JourneyBlueprint`` (zones, connections, annotations). The conveniences below (``to_pandas``,
``to_svg``, ``save``, ...) are one-line lazy imports of other layers; the import-linter contracts in
pyproject.toml name this module as their one exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ._blueprint import BlueprintLine, Connection, Endpoint
from ._document import document_json
from ._journey_bindings import JourneyBindings
from ._lookups import find_step
from ._views import Change, Lane, Persona, Stage, Step

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    import polars as pl


class Journey(JourneyBindings):
    """A customer journey map: personas, stages of steps (columns) and typed lanes (rows).

    Every change goes through a validated, invertible operation; ``undo``/``redo`` cover all of
    them, and ``observe`` callbacks see each one.

    >>> j = Journey("Renew a passport")
    >>> s = j.add_stage("Prepare", steps=["Find form", "Take photo"])
    >>> emotion = j.add_lane("Emotion", kind="emotion")
    >>> j.set_cell(emotion, "Take photo", 2)
    >>> j.get_cell("Emotion", "Take photo")
    2
    """

    # ------------------------------------------------------------ copies, pickling, equality

    def copy(self) -> Journey:
        """An independent copy of the document (no history, no observers)."""
        return Journey.from_dict(self._doc)

    def __copy__(self) -> Journey:
        return self.copy()

    def __deepcopy__(self, memo: dict[int, Any]) -> Journey:
        return self.copy()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Journey.from_dict, (self._doc,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Journey) and self._doc == other._doc

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        doc = self._doc
        steps = sum(len(s["steps"]) for s in doc["stages"])
        return f"<Journey {self.title!r}: {len(doc['stages'])} stages, {steps} steps, {len(doc['lanes'])} lanes>"

    # ------------------------------------------------------------ tables (see jmwidget.tables) and templates

    def to_pandas(self, form: Literal["tidy", "wide", "connections"] = "tidy") -> pd.DataFrame:
        """The map as a pandas DataFrame: ``tidy`` (one row per cell), ``wide`` (one row per step)
        or ``connections`` (one row per connection)."""
        from ..tables import to_pandas

        frame: pd.DataFrame = to_pandas(self, form=form)
        return frame

    def to_polars(self, form: Literal["tidy", "wide", "connections"] = "tidy") -> pl.DataFrame:
        """The map as a polars DataFrame (needs polars, not pyarrow); see :meth:`to_pandas`."""
        from ..tables import to_polars

        frame: pl.DataFrame = to_polars(self, form=form)
        return frame

    def refresh(self, *, overwrite: bool = False, **sources: Any) -> Any:
        """Recompute every binding from the named sources as one change; see :func:`jmwidget.data.refresh`."""
        from ..data import refresh

        return refresh(self, overwrite=overwrite, **sources)

    def connections_frame(self) -> pd.DataFrame:
        """The connections as a pandas DataFrame; same as ``to_pandas(form="connections")``."""
        return self.to_pandas(form="connections")

    @classmethod
    def from_pandas(cls, df: Any, **kwargs: Any) -> Journey:
        """Build a map from a table (pandas or polars); see :func:`jmwidget.tables.from_frame`."""
        from ..tables import from_frame

        journey: Journey = from_frame(df, **kwargs)
        return journey

    def update_from_pandas(self, df: Any, **kwargs: Any) -> None:
        """Set values per step from a table; see :func:`jmwidget.tables.update_from_frame`."""
        from ..tables import update_from_frame

        update_from_frame(self, df, **kwargs)

    @classmethod
    def from_template(cls, template: str | Path) -> Journey:
        """A fresh map from a template: a bundled worked example by name (:func:`jmwidget.templates`
        lists them) or a map file of your own (``templates(folder)`` lists a folder of them).

        A template saved as ``.json`` keeps its :meth:`lock`, so the maps made from it are locked too.
        """
        from ._templates import load_template, template_names

        if isinstance(template, str) and (template in template_names() or not _is_file(template)):
            journey: Journey = load_template(template)  # an unknown name: the error lists the names
            return journey
        return cls.load(template)

    # ------------------------------------------------------------ pictures (see jmwidget.pictures)

    def to_svg(self) -> str:
        """The map as a standalone SVG picture (pure Python); see :func:`jmwidget.pictures.to_svg`."""
        from ..pictures import to_svg

        return to_svg(self)

    def to_png(self, *, scale: float = 2.0) -> bytes:
        """The map as PNG bytes (``scale`` px per SVG px); see :func:`jmwidget.pictures.to_png`."""
        from ..pictures import to_png

        return to_png(self, scale=scale)

    def to_pdf(
        self,
        path: str | Path | None = None,
        *,
        page: str | tuple[float, float] = "A4",
        orientation: str = "landscape",
        description: str | None = None,
    ) -> bytes:
        """The map as a PDF, split into readable pages; see :func:`jmwidget.pictures.to_pdf`."""
        from ..pictures import to_pdf

        return to_pdf(self, path, page=page, orientation=orientation, description=description)

    def to_html(self, path: str | Path | None = None, *, charts: bool = True) -> str:
        """One self-contained, offline HTML page of the map; see :func:`jmwidget.pictures.to_html`."""
        from ..pictures import to_html

        return to_html(self, path, charts=charts)

    def describe(self) -> str:
        """The map in a few paragraphs of plain language; see :func:`jmwidget.prose.describe`."""
        from ..prose import describe

        return describe(self)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """The editable widget, with a static SVG picture for places without a widget front end."""
        try:
            from ..jupyter import JourneyWidget
        except ImportError:  # no Jupyter widget stack here: the picture alone
            from ..pictures import static_display

            return static_display(self)
        return JourneyWidget(self)._repr_mimebundle_(**kwargs)

    # ------------------------------------------------------------ files and Mermaid (see jmwidget.formats)

    def save(self, path: str | Path, *, format: str | None = None) -> Path:
        """Write the map to ``path`` (atomically) in the format its suffix names; see :func:`jmwidget.formats.save`."""
        from ..formats import save

        return save(self, path, format=format)

    @classmethod
    def load(cls, path: str | Path, *, format: str | None = None, **table_options: Any) -> Journey:
        """Read a map from a ``.json``, ``.csv``, ``.xlsx`` or ``.mmd`` file; see :func:`jmwidget.formats.load`."""
        from ..formats import load

        return load(path, format=format, **table_options)

    @classmethod
    def from_csv(cls, path: str | Path, **options: Any) -> Journey:
        """A map from a CSV wide table (one row per step, a column per lane); see :func:`jmwidget.formats.load`."""
        from ..formats import load_csv

        return load_csv(path, **options)

    @classmethod
    def from_excel(cls, path: str | Path, **options: Any) -> Journey:
        """A map from an ``.xlsx`` wide table; see :func:`jmwidget.formats.load`."""
        from ..formats import load_excel

        return load_excel(path, **options)

    @classmethod
    def from_mermaid(cls, text: str) -> Journey:
        """A map from Mermaid ``journey`` text; see :func:`jmwidget.formats.from_mermaid`."""
        from ..formats import from_mermaid

        return from_mermaid(text, stacklevel=3)

    def to_mermaid(self) -> str:
        """The map as a Mermaid ``journey`` diagram; warns (``MermaidWarning``) about what it leaves out."""
        from ..formats import to_mermaid

        return to_mermaid(self, stacklevel=3)


def _is_file(name: str) -> bool:
    from pathlib import Path

    return Path(name).is_file()


__all__ = [
    "BlueprintLine",
    "Change",
    "Connection",
    "Endpoint",
    "Journey",
    "Lane",
    "Persona",
    "Stage",
    "Step",
    "document_json",
    "find_step",
]
