"""One map file, several writers: nobody's edit is lost to someone else's save.

Every writer of a ``.json`` map (``Journey.save``, autosave, each visitor's kernel of a Voila app)
remembers what it last read from or wrote to the file (:class:`FileState`: the bytes' digest and
the document). Before it writes, it reads the file again, holding a lock on the folder: if the
file is still what it remembers, it writes; if someone else wrote meanwhile, it first merges their
version into its map (:meth:`Journey.merge_from`: changes to different things all stay; where
both changed the same thing the file's version is kept and the conflict reported) and then writes
the merged map. :func:`follow` brings another writer's change in the same way without writing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import write_atomic
from ..model import Conflict, DocumentError, JourneyFileError, document_json

if TYPE_CHECKING:
    from ..model import Journey

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no folder lock, the compare-then-write window stays
    fcntl = None  # type: ignore[assignment]


class FileConflictWarning(UserWarning):
    """A save merged in someone else's changes, and some of this map's changes were replaced by theirs."""

    def __init__(self, path: Path, conflicts: tuple[Conflict, ...]) -> None:
        self.path = path
        self.conflicts = conflicts
        listed = "; ".join(conflict.message for conflict in conflicts)
        super().__init__(f"{path}: someone else saved changes to the same things first, and theirs were kept: {listed}")


@dataclass(frozen=True)
class FileState:
    """What a writer last read from or wrote to a map file: its bytes (a map is parsed from them
    only when a merge needs it, so loading and saving pay nothing for it)."""

    data: bytes

    @functools.cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @functools.cached_property
    def document(self) -> dict[str, Any]:
        return read_document(Path("(the last version read or written)"), self.data)


@dataclass(frozen=True)
class SyncResult:
    """What a save or a follow did: whether it wrote, how many of the file's changes it merged in,
    and the conflicts (the file's version was kept; ``.message`` says it in words)."""

    wrote: bool = False
    merged: int = 0
    conflicts: tuple[Conflict, ...] = field(default_factory=tuple)
    #: the map's revision the file now holds (None: not known from this call)
    revision: int | None = None


def encode(document: dict[str, Any]) -> bytes:
    """A document as a ``.json`` file holds it."""
    return (document_json(document) + "\n").encode("utf-8")


# ---------------------------------------------------------------- what each journey last saw


_STATES: dict[int, dict[str, FileState]] = {}


def state_of(journey: Journey, path: Path) -> FileState | None:
    """What ``journey`` last read from or wrote to ``path`` (None: never, in this process)."""
    return _STATES.get(id(journey), {}).get(_key(path))


def remember(journey: Journey, path: Path, state: FileState) -> None:
    """Record ``state`` as what ``journey`` last read from or wrote to ``path``."""
    if id(journey) not in _STATES:
        weakref.finalize(journey, _STATES.pop, id(journey), None)
    _STATES.setdefault(id(journey), {})[_key(path)] = state


def _key(path: Path) -> str:
    return str(Path(path).resolve())


# ---------------------------------------------------------------- saving and following


@contextlib.contextmanager
def folder_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``'s folder: one writer at a time reads, merges and writes."""
    if fcntl is None:
        yield
        return
    fd = os.open(Path(path).parent or ".", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def save_shared(journey: Journey, path: Path, *, writing: Callable[[], object] | None = None) -> SyncResult:
    """Write ``journey`` to the ``.json`` file ``path``, merging in what others wrote there first.

    ``writing`` is called just before the write, once the map to write is fixed.
    """
    with folder_lock(path):
        result = _merge_in(journey, path)
        revision, document = journey.snapshot()
        data = encode(document)
        state = state_of(journey, path)
        if state is not None and state.data == data and path.exists():
            return dataclasses.replace(result, revision=revision)  # the file holds this map already
        if writing is not None:
            writing()
        write_atomic(path, data)
        remember(journey, path, FileState(data))
        return SyncResult(True, result.merged, result.conflicts, revision)


def follow(journey: Journey, path: Path) -> SyncResult:
    """Bring into ``journey`` what others wrote to ``path`` since it last read or wrote it."""
    with folder_lock(path):
        return _merge_in(journey, path)


def _merge_in(journey: Journey, path: Path) -> SyncResult:
    """Merge the file's version into ``journey`` if it changed since ``journey`` last saw it."""
    state = state_of(journey, path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return SyncResult()
    if state is None or data == state.data:
        return SyncResult()
    theirs = read_document(path, data)
    merged = journey.merge_from(state.document, theirs)
    remember(journey, path, FileState(data))  # what our map now builds on
    return SyncResult(False, merged.theirs_changes, tuple(merged.conflicts))


def read_document(path: Path, data: bytes) -> dict[str, Any]:
    """The map in ``data`` (read from ``path``), upgraded and validated."""
    from ..model import Journey

    try:
        return Journey.from_json(data).to_dict()
    except (DocumentError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise JourneyFileError(
            path,
            f"{str(path)!r} was changed by someone else into something that is not a map this version can read: "
            f"{exc}; nothing was saved over it",
        ) from exc
