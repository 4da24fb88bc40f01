"""Autosave: write a journey to its file after every change, debounced, off the caller's thread.

Pure Python (no Jupyter import): the widget shows :class:`SaveStatus`, the ``jmwidget serve``
app turns autosave on, and scripts can use :class:`Autosaver` directly.
"""

from __future__ import annotations

import atexit
import datetime as dt
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..model import document_json
from . import _files

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

    def to_dict(self) -> dict[str, object]:
        """The status as JSON-ready data (the widget's ``save_status`` trait)."""
        return {
            "state": self.state,
            "path": self.path,
            "revision": self.revision,
            "saved_at": self.saved_at,
            "error": self.error,
        }


class Autosaver:
    """Save ``journey`` to ``path`` ``delay`` seconds after the last change (debounced).

    ``path`` must not hold a different map (load it first with ``Journey.load(path)``) unless
    ``overwrite`` is true; ``save_now`` writes the map at once.

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
    ) -> None:
        if delay < 0:
            raise ValueError(f"autosave delay must be 0 seconds or more, got {delay}")
        if not overwrite:
            _check_same_map(journey, Path(path))
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

    def _on_change(self, _change: Change) -> None:
        if self._closed:
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
            revision, doc = self.journey.snapshot()
            text = document_json(doc) + "\n"
            if revision == self._saved_revision and self._status.state == "saved":
                return self._status
            last = self._status
            self._set_status(SaveStatus("saving", str(self.path), last.revision, last.saved_at, last.error))
            try:
                _files.write_text(self.path, text)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                status = SaveStatus(
                    "error", str(self.path), last.revision, last.saved_at, f"could not save {self.path}: {reason}"
                )
            else:
                self._saved_revision = revision
                saved_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
                # A change that came in while writing has its own save coming: still pending.
                state: State = "saved" if self.journey.revision == revision else "pending"
                status = SaveStatus(state, str(self.path), revision, saved_at)
            self._set_status(status)
            return status

    def flush(self) -> SaveStatus:
        """Cancel the pending timer and save now, on this thread; return the resulting status."""
        with self._state_lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        return self._save()

    def close(self) -> SaveStatus:
        """Stop following the journey, and save what is not saved yet."""
        with self._state_lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        self._unobserve()
        _OPEN.discard(self)
        return self._save()  # waits for a save in progress; writes only if the map moved on


def _check_same_map(journey: Journey, path: Path) -> None:
    """Refuse to autosave over a file that holds some other map (or something else)."""
    from ..model import Journey, JourneyError

    if not path.exists():
        return
    try:
        on_disk = Journey.load(path)
    except (OSError, ValueError) as exc:
        raise JourneyError(
            f"{path} exists and is not a jmwidget map this version can read ({exc}); pass overwrite=True to replace it"
        ) from exc
    if on_disk.to_dict() != journey.to_dict():
        raise JourneyError(
            f"{path} holds a different map; open it with Journey.load({str(path)!r}) to keep editing it, "
            "or pass overwrite=True to replace it with this one"
        )
