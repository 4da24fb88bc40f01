"""A class of maps: the students' maps, the files that did not load, and what to do with them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..formats import LOAD_SUFFIXES
from ..formats import load as load_file
from ..model import Journey, JourneyError, template_names
from ..prose import plural
from ._load import LoadProblem, read_folder

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from ._merge import ClassMap
    from ._thumbnails import Thumbnails

Template = Journey | str | os.PathLike[str]


def resolve_template(template: Template) -> Journey:
    """A template given as a journey, a built-in template's name, or a map file."""
    if isinstance(template, Journey):
        return template
    if isinstance(template, str) and template in template_names():
        return Journey.from_template(template)
    if isinstance(template, (str, os.PathLike)):
        return load_file(template)
    raise JourneyError(f"a template is a Journey, a template name or a map file, got {type(template).__name__}")


class Classroom:
    """The maps of a class, by name (a file's name without its suffix), with the files that did not load.

    >>> from jmwidget import Journey
    >>> room = Classroom({"ana": Journey.from_template("onboarding"), "bo": Journey.from_template("onboarding")})
    >>> room.names, len(room.check("onboarding"))
    (['ana', 'bo'], 0)
    """

    def __init__(self, maps: Mapping[str, Journey], problems: Sequence[LoadProblem] = ()) -> None:
        self.maps: dict[str, Journey] = dict(maps)
        self.problems: list[LoadProblem] = list(problems)

    @property
    def names(self) -> list[str]:
        return list(self.maps)

    def __len__(self) -> int:
        return len(self.maps)

    def __iter__(self) -> Iterator[str]:
        return iter(self.maps)

    def __getitem__(self, name: str) -> Journey:
        return self.maps[name]

    def __repr__(self) -> str:
        failed = f", {len(self.problems)} files not loaded" if self.problems else ""
        return f"<Classroom: {len(self.maps)} maps{failed}>"

    def problems_frame(self) -> pd.DataFrame:
        """The files that did not load: ``file``, ``kind`` (``broken``, ``foreign``, ``newer``), ``message``."""
        import pandas as pd

        return pd.DataFrame([(p.file, p.kind, p.message) for p in self.problems], columns=["file", "kind", "message"])

    def check(self, template: Template) -> pd.DataFrame:
        """Every map against ``template``: one row per finding (``map, kind, lane, step, persona,
        message, lane_id, step_id``); kinds ``structure``, ``empty-cell``, ``no-emotion``,
        ``no-frontstage``, ``no-backstage`` (see :mod:`jmwidget.classroom`)."""
        from ._check import findings

        return findings(self.maps, resolve_template(template))

    def overview(self, template: Template) -> pd.DataFrame:
        """One row per map (and per file that did not load): whether its structure is the
        template's, and how many findings of each kind :meth:`check` has for it.

        >>> bo = Journey.from_template("onboarding")
        >>> bo.set_cell("Thoughts", "Photographs ID", None)
        >>> Classroom({"bo": bo}).overview("onboarding")[["map", "structure", "empty_cells"]].values.tolist()
        [['bo', 'same', 1]]
        """
        from ._check import overview

        return overview(self.maps, self.problems, resolve_template(template))

    def merge(self, template: Template, *, title: str | None = None) -> ClassMap:
        """The class map on ``template``'s structure: emotion and metric means with their n and
        spread, every student's cards and text with their name; see :class:`ClassMap`.

        >>> ana, bo = Journey.from_template("onboarding"), Journey.from_template("onboarding")
        >>> bo.set_cell("Emotion", "Photographs ID", 3)
        >>> merged = Classroom({"ana": ana, "bo": bo}).merge("onboarding")
        >>> emotion = merged.stats.query("kind == 'emotion' and step == 'Photographs ID'").iloc[0]
        >>> int(emotion["n"]), float(emotion["mean"]), float(emotion["sd"])
        (2, 2.0, 1.41)
        """
        from ._merge import merge

        return merge(self.maps, resolve_template(template), title=title)

    def gallery(
        self, template: Template | None = None, *, columns: int = 6, width: int = 150, height: int = 70
    ) -> alt.FacetChart:
        """Every map's emotion curve as small multiples (an Altair facet chart), with the class
        mean in each panel when a template is given."""
        from ._gallery import gallery

        chosen = None if template is None else resolve_template(template)
        return gallery(self.maps, chosen, columns=columns, width=width, height=height)

    def thumbnails(self, template: Template | None = None) -> Thumbnails:
        """A compact grid picture of each map (SVG), captioned with its findings against
        ``template`` when given; shown as a grid in a notebook, ``.save("class.html")`` for a page."""
        from ._check import findings
        from ._thumbnails import Thumbnails, thumbnail

        chosen = None if template is None else resolve_template(template)
        found = findings(self.maps, chosen) if chosen is not None else None
        svgs, captions = {}, {}
        for name, journey in self.maps.items():
            note = ""
            if found is not None:
                counts = found[found["map"] == name]["kind"].value_counts()
                note = _note(counts)
            svgs[name] = thumbnail(journey, name=name, template=chosen, note=note)
            captions[name] = f"{name}: {journey.title}" + (f" ({note})" if note else "")
        return Thumbnails(svgs, captions)


def _note(counts: Any) -> str:
    gaps = int(counts.get("no-frontstage", 0) + counts.get("no-backstage", 0))
    parts = [
        plural(int(counts.get("structure", 0)), "structure change"),
        f"{int(counts.get('empty-cell', 0))} empty",
        f"{int(counts.get('no-emotion', 0))} without emotion",
        plural(gaps, "gap"),
    ]
    return ", ".join(part for part in parts if not part.startswith("0 ")) or "complete"


def load(folder: str | os.PathLike[str], *, suffixes: Iterable[str] = LOAD_SUFFIXES) -> Classroom:
    """Every map file in ``folder`` as a :class:`Classroom`; a file that is broken, not a map
    ("foreign") or written by a newer jmwidget is listed in ``problems`` by name, and the others
    still load.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = Journey.from_template("onboarding").save(folder / "ana.json")
    >>> _ = (folder / "notes.txt").write_text("not a map")
    >>> room = load(folder)
    >>> room.names, [(p.file, p.kind) for p in room.problems]
    (['ana'], [('notes.txt', 'foreign')])
    """
    maps, problems = read_folder(Path(folder), suffixes)
    return Classroom(maps, problems)
