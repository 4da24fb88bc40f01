"""Atomic file writes: a crash or kill at any moment leaves the old file or the new one, whole.

The data goes to a temporary file in the target's folder, which is flushed and fsynced, then
renamed over the target. This module sits outside jmwidget's layers and imports nothing from
jmwidget, so that every layer that writes files can use it (formats saves maps, pictures writes
HTML pages); :mod:`jmwidget.formats` re-exports both functions.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

PathLike = str | os.PathLike[str]


def write_atomic(path: PathLike, data: bytes) -> Path:
    """Replace ``path`` with ``data`` so that a crash leaves the old file or the new one, whole.

    The temporary file lives in the same directory (so the rename is atomic), is fsynced before
    ``os.replace``, and is removed if anything fails; the directory is fsynced afterwards. An
    existing file keeps its permission bits; a new one gets the usual ``0o666 & ~umask``. A symbolic
    link is followed: its target is replaced and the link stays. Returns ``path`` as a ``Path``.

    A process killed mid-save cannot clean up, so it may leave a hidden ``.<name>.<random>.tmp``
    beside the file; the file itself is always whole.
    """
    given = target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    directory = target.parent
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    temp = directory / f".{target.name[:200]}.{secrets.token_hex(6)}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_directory(directory)
    return given


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable (POSIX); platforms that cannot open a directory skip this."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_text(path: PathLike, text: str) -> Path:
    """Atomically replace ``path`` with ``text`` in UTF-8 (see :func:`write_atomic`); raises ``OSError``."""
    return write_atomic(path, text.encode("utf-8"))


__all__ = ["PathLike", "write_atomic", "write_text"]
