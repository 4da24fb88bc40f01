"""A folder of students' map files, read one by one: a file that cannot be read is reported by
name and the others still load."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..formats import LOAD_SUFFIXES
from ..formats import load as load_file
from ..model import JourneyFileError, NotAJourneyError, UnsupportedVersionError

if TYPE_CHECKING:
    from ..model import Journey

ProblemKind = Literal["broken", "foreign", "newer"]


@dataclass(frozen=True)
class LoadProblem:
    """A file of the folder that did not load.

    ``kind`` is ``"foreign"`` (not a map: another kind of file, or JSON that is not a jmwidget
    document), ``"newer"`` (written by a newer jmwidget than this one) or ``"broken"`` (not
    readable as a map: bad JSON or text, an invalid document, a bad table); ``message`` says why.
    """

    file: str
    kind: ProblemKind
    message: str


def _kind(error: JourneyFileError) -> ProblemKind:
    cause = error.__cause__
    if isinstance(cause, UnsupportedVersionError):
        newer = isinstance(cause.version, int) and not isinstance(cause.version, bool) and cause.version > cause.newest
        return "newer" if newer else "broken"
    if isinstance(cause, NotAJourneyError):
        return "foreign"
    return "broken"


def read_folder(
    folder: str | os.PathLike[str], suffixes: Iterable[str] = LOAD_SUFFIXES
) -> tuple[dict[str, Journey], list[LoadProblem]]:
    """Every map file directly in ``folder`` (by name; hidden files and folders skipped), keyed by
    file name without its suffix (with it, when two files share a stem), and the files that failed."""
    root = Path(folder)
    if not root.is_dir():
        raise JourneyFileError(root, f"cannot load a class from {str(root)!r}: it is not a folder")
    known = tuple(s.lower() for s in suffixes)
    files = sorted(p for p in root.iterdir() if not p.name.startswith(".") and p.is_file())
    stems = [p.stem for p in files]
    maps: dict[str, Journey] = {}
    problems: list[LoadProblem] = []
    for path in files:
        if path.suffix.lower() not in known:
            shown = path.suffix or "no suffix"
            problems.append(
                LoadProblem(
                    path.name, "foreign", f"{path.name}: not a map file ({shown}); maps are {', '.join(known)} files"
                )
            )
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # what a table file leaves out is the student's choice
                journey = load_file(path)
        except JourneyFileError as error:
            problems.append(LoadProblem(path.name, _kind(error), str(error).replace(str(path), path.name)))
            continue
        maps[path.stem if stems.count(path.stem) == 1 else path.name] = journey
    return maps, problems
