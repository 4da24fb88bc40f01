"""Autosave: write a journey to its file after every change, debounced, off the caller's thread.

Pure Python (no Jupyter import): the widget shows :class:`SaveStatus`, the ``jmwidget serve``
app turns autosave on, and scripts can use :class:`Autosaver` directly.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..model import JourneyError
from ._shared_file import FileState, SyncResult, follow, remember, save_shared, state_of

if TYPE_CHECKING:
    from ..model import Change, Journey

State = Literal["saved", "pending", "saving", "error"]

#: Autosavers still open; at interpreter exit each saves what it has not saved yet.
_OPEN: weakref.WeakSet[Autosaver] = weakref.WeakSet()


@atexit.register
def _close_open_autosavers() -> None:
    """A script that ends within ``delay`` of its last edit still gets that edit saved."""
    for autosaver in list(_OPEN):
        autosaver.close()


@dataclass(frozen=True)
class SaveStatus:
    """Where autosave stands: ``state``, the last good save, and the last error's message."""

    state: State
    path: str
    revision: int | None = None
    saved_at: str | None = None
    error: str | None = None
    #: changes someone else saved to the file, merged into this map by the latest save or follow
    merged: int = 0
    #: the latest conflicts (both changed the same thing; the file's version was kept), in words
    conflicts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """The status as JSON-ready data (the widget's ``save_status`` trait)."""
        return {
            "state": self.state,
            "path": self.path,
            "revision": self.revision,
            "saved_at": self.saved_at,
            "error": self.error,
            "merged": self.merged,
            "conflicts": list(self.conflicts),
        }

    def but(self, **changes: Any) -> SaveStatus:
        """This status with ``changes`` (the path, merges and conflicts carry over)."""
        return dataclasses.replace(self, **changes)


class Autosaver:
    """Save ``journey`` to ``path`` ``delay`` seconds after the last change (debounced).

    ``path`` must not hold a different map (load it first with ``Journey.load(path)``) unless
    ``overwrite`` is true; ``save_now`` writes the map at once.

    Others may write the same file (a colleague's kernel, a script): every save merges in what they
    saved first, and every ``follow_interval`` seconds (None: never) the file is checked and a change
    merged into the map, so it shows at once (see :mod:`jmwidget.formats`). :attr:`status` counts
    the changes merged in and lists the conflicts, where the file's version was kept.

    The write happens on a background thread, atomically (see :func:`jmwidget.formats.write_text`),
    so the editing thread never waits for the disk and a crash never leaves half a file. A failed
    save (say, a read-only folder) is reported through ``on_status`` and :attr:`status`, and the
    next change tries again. :meth:`flush` saves now and waits; :meth:`close` flushes and stops;
    at interpreter exit every autosaver still open is closed, so the last edit is saved.
    """

    def __init__(
        self,
        journey: Journey,
        path: str | Path,
        *,
        delay: float = 0.5,
        on_status: Callable[[SaveStatus], None] | None = None,
        save_now: bool = False,
        overwrite: bool = False,
        follow_interval: float | None = 0.5,
    ) -> None:
        if delay < 0:
            raise ValueError(f"autosave delay must be 0 seconds or more, got {delay}")
        if state_of(journey, Path(path)) is None:
            _start_from_file(journey, Path(path), overwrite=overwrite)
        self.journey = journey
        self.path = Path(path)
        self.delay = delay
        self._on_status = on_status
        self._timer: threading.Timer | None = None
        self._state_lock = threading.Lock()
        self._write_lock = threading.Lock()  # one write at a time, in revision order
        self._saved_revision: int | None = None
        self._status = SaveStatus("saved", str(self.path))
        self._closed = False
        self._unobserve = journey.observe(self._on_change)
        _OPEN.add(self)
        self._stop = threading.Event()
        if follow_interval is not None:
            watcher = threading.Thread(target=self._watch, args=(follow_interval,), name="jmwidget-follow", daemon=True)
            watcher.start()
        if save_now:
            self.flush()

    @property
    def status(self) -> SaveStatus:
        """The latest status."""
        return self._status

    def _set_status(self, status: SaveStatus) -> None:
        self._status = status
        if self._on_status is not None:
            self._on_status(status)

    def _on_change(self, change: Change) -> None:
        if self._closed or change.origin == "file":  # it came from the file: nothing new to write
            return
        last = self._status
        if last.state != "pending":
            self._set_status(SaveStatus("pending", str(self.path), last.revision, last.saved_at, last.error))
        with self._state_lock:
            if self._closed:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._save)
            self._timer.daemon = True
            self._timer.start()

    def _save(self) -> SaveStatus:
        with self._write_lock:
            revision = self.journey.revision
            if revision == self._saved_revision and self._status.state == "saved":
                return self._status
            last = self._status
            try:
                result = save_shared(
                    self.journey, self.path, writing=lambda: self._set_status(last.but(state="saving"))
                )
            except (OSError, JourneyError) as exc:
                reason = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
                status = last.but(state="error", error=f"could not save {self.path}: {reason}")
            else:
                revision = result.revision if result.revision is not None else revision
                self._saved_revision = revision
                saved_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                # A change that came in while writing has its own save coming: still pending.
                state: State = "saved" if self.journey.revision == revision else "pending"
                status = self._with_merge(SaveStatus(state, str(self.path), revision, saved_at), result)
            self._set_status(status)
            return status

    def _with_merge(self, status: SaveStatus, result: SyncResult) -> SaveStatus:
        """``status`` with what ``result`` merged in; earlier conflicts stay until new ones come."""
        conflicts = tuple(conflict.message for conflict in result.conflicts) or self._status.conflicts
        return status.but(merged=result.merged or self._status.merged, conflicts=conflicts)

    def _watch(self, interval: float) -> None:
        """Check the file every ``interval`` seconds; merge in what someone else wrote."""
        seen: tuple[int, int, int] | None = None  # the first look always compares with what we hold
        while not self._stop.wait(interval):
            now = _stat(self.path)
            if now == seen:
                continue
            seen = now
            with self._write_lock:
                if self._closed:
                    return
                try:
                    result = follow(self.journey, self.path)
                except (OSError, JourneyError) as exc:
                    self._set_status(self._status.but(error=f"could not read {self.path}: {exc}"))
                    continue
                if result.merged or result.conflicts:
                    self._set_status(self._with_merge(self._status.but(revision=self.journey.revision), result))

    def flush(self) -> SaveStatus:
        """Cancel the pending timer and save now, on this thread; return the resulting status."""
        with self._state_lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        return self._save()

    def close(self) -> SaveStatus:
        """Stop following the journey, and save what is not saved yet."""
        self._stop.set()
        with self._state_lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        self._unobserve()
        _OPEN.discard(self)
        return self._save()  # waits for a save in progress; writes only if the map moved on


def _stat(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _start_from_file(journey: Journey, path: Path, *, overwrite: bool) -> None:
    """Take ``path`` as what the journey builds on, if it holds this map; refuse another map."""
    from ..model import Journey

    if not path.exists() or overwrite:
        return
    try:
        data = path.read_bytes()
        on_disk = Journey.from_json(data)
    except (OSError, ValueError) as exc:
        raise JourneyError(
            f"{path} exists and is not a jmwidget map this version can read ({exc}); pass overwrite=True to replace it"
        ) from exc
    if on_disk.to_dict() != journey.to_dict():
        raise JourneyError(
            f"{path} holds a different map; open it with Journey.load({str(path)!r}) to keep editing it, "
            "or pass overwrite=True to replace it with this one"
        )
    remember(journey, path, FileState(data))
