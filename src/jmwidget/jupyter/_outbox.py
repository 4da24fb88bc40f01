"""The kernel's patch messages to one page, coalesced when changes come in bursts.

Jupyter's server drops IOPub messages above a rate (``iopub_msg_rate_limit``, 1000 a second by
default) instead of queueing them, so a loop of edits from code could leave a page behind with
nothing to tell it. The outbox sends a lone change at once (the leading edge: a single edit's
round trip stays as fast as ever); changes that follow within ``WINDOW`` seconds are buffered and
sent as one patch message carrying their patches in order, with ``base`` (the revision before
them) and ``rev`` (the revision after them). A loop running in a kernel cell blocks the kernel's
event loop, so the buffer is also sent whenever a change arrives ``WINDOW`` after the last message
(a long loop keeps the page moving); the rest is sent by a timer on the kernel's event loop,
which runs when the cell ends. After the last message of a burst (or a lone change), once the
kernel's event loop has been free for ``SETTLE`` seconds, a small ``{"type": "revision", "rev"}``
marker follows: a page whose revision is lower (a message was dropped anyway, e.g. because printed
output flooded IOPub) asks for a snapshot. Outside a kernel (no event loop to run timers) every
change is sent at once.

See docs/design.md, "Sync protocol".
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

Message = dict[str, Any]

#: Changes this close together (seconds) go in one message.
WINDOW = 0.05
#: How long after the last patch message (seconds, with the kernel free) the revision marker follows.
SETTLE = 0.3


class Scheduler(Protocol):
    """A clock and a way to run a function later on the kernel's event loop."""

    def now(self) -> float:
        """Seconds on a monotonic clock."""

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        """Run ``callback`` about ``delay`` seconds from now on the kernel's event loop (from any thread)."""


class KernelScheduler:
    """Runs callbacks on an IPython kernel's event loop (a tornado IOLoop)."""

    def __init__(self, loop: Any) -> None:
        self._loop = loop

    def now(self) -> float:
        return time.monotonic()

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        deadline = time.monotonic() + delay

        def arm() -> None:  # on the loop's thread; it may run late, after a cell that blocked the loop
            self._loop.call_later(max(0.0, deadline - time.monotonic()), callback)

        self._loop.add_callback(arm)  # the one IOLoop method that is safe from any thread


def kernel_scheduler() -> Scheduler | None:
    """The running IPython kernel's event loop, or None outside a kernel (plain Python, tests)."""
    try:
        from ipykernel.kernelbase import Kernel
    except ImportError:
        return None
    if not Kernel.initialized():
        return None
    loop = getattr(Kernel.instance(), "io_loop", None)
    return KernelScheduler(loop) if loop is not None else None


def merge(messages: list[Message]) -> Message:
    """One patch message for consecutive changes: all their patches, the last one's origin and history."""
    if len(messages) == 1:
        return messages[0]
    last = messages[-1]
    merged: Message = {
        "type": "patch",
        "base": messages[0]["rev"] - 1,
        "rev": last["rev"],
        "patches": [patch for message in messages for patch in message["patches"]],
        "origin": last["origin"],
        "label": last["label"],
        "can_undo": last["can_undo"],
        "can_redo": last["can_redo"],
    }
    return merged


class Outbox:
    """Sends one page's patch messages, coalescing bursts (see the module's docstring).

    ``send`` sends one message; ``on_sent`` runs after patches went out (outside the outbox's
    lock, so it may read the journey). Without a ``scheduler`` every change is sent at once.
    """

    def __init__(
        self,
        send: Callable[[Message], None],
        *,
        scheduler: Scheduler | None,
        on_sent: Callable[[], None] | None = None,
        window: float = WINDOW,
        settle: float = SETTLE,
    ) -> None:
        self._send = send
        self._scheduler = scheduler
        self._on_sent = on_sent
        self._window = window
        self._settle = settle
        self._lock = threading.Lock()
        self._pending: list[Message] = []
        self._last_sent = float("-inf")
        self._sent_rev: int | None = None
        self._flush_armed = False
        self._marker_due: float | None = None
        self._marker_armed = False
        self._closed = False

    @property
    def batching(self) -> bool:
        """Whether changes are coalesced (there is a kernel event loop to finish a burst)."""
        return self._scheduler is not None

    def push(self, message: Message) -> None:
        """Send a change's patch message now, or keep it for the burst's next message."""
        with self._lock:
            sent = self._push(message)
        if sent and self._on_sent is not None:
            self._on_sent()

    def send_now(self, message: Message) -> None:
        """Send a message that is not a change (snapshot, reject) after every change kept so far."""
        with self._lock:
            sent = self._flush()
            self._send(message)
        if sent and self._on_sent is not None:
            self._on_sent()

    def flush(self) -> None:
        """Send the changes kept so far."""
        with self._lock:
            sent = self._flush()
        if sent and self._on_sent is not None:
            self._on_sent()

    def close(self) -> None:
        """Drop what is kept and stop sending (the page has gone)."""
        with self._lock:
            self._closed = True
            self._pending.clear()

    # ------------------------------------------------------------ with the lock held

    def _push(self, message: Message) -> bool:
        """Send or keep ``message``; whether patches went out."""
        if self._closed:
            return False
        if self._scheduler is None:
            self._emit(message)
            return True
        now = self._scheduler.now()
        sent = False
        if self._pending and message["rev"] != self._pending[-1]["rev"] + 1:
            sent = self._flush()  # not consecutive (never expected): keep every message's revisions exact
        if "req" in message:  # the answer to a page's request goes at once, after what came before
            self._flush()
            self._emit(message)
            return True
        if not self._pending and now - self._last_sent >= self._window:
            self._emit(message)  # a lone change: at once
            return True
        self._pending.append(message)
        if now - self._last_sent >= self._window:
            return self._flush()  # a long loop blocks the event loop: send by time from here
        self._arm_flush(self._last_sent + self._window - now)
        return sent

    def _emit(self, message: Message) -> None:
        self._send(message)
        self._sent_rev = message["rev"]
        if self._scheduler is not None:
            self._last_sent = self._scheduler.now()
            self._arm_marker()

    def _flush(self) -> bool:
        if not self._pending or self._closed:
            return False
        batch, self._pending = self._pending, []
        self._emit(merge(batch))
        return True

    def _arm_flush(self, delay: float) -> None:
        if self._flush_armed or self._scheduler is None:
            return
        self._flush_armed = True
        self._scheduler.call_later(delay, self._on_flush_timer)

    def _arm_marker(self) -> None:
        if self._scheduler is None:
            return
        self._marker_due = self._scheduler.now() + self._settle
        if not self._marker_armed:
            self._rearm_marker(self._scheduler, self._settle)

    # ------------------------------------------------------------ timers, on the kernel's event loop

    def _on_flush_timer(self) -> None:
        with self._lock:
            self._flush_armed = False
            sent = self._flush()
        if sent and self._on_sent is not None:
            self._on_sent()

    def _on_marker_timer(self) -> None:
        sent = False
        with self._lock:
            self._marker_armed = False
            due, scheduler = self._marker_due, self._scheduler
            if self._closed or due is None or scheduler is None:
                return
            now = scheduler.now()
            if self._pending:
                sent = self._flush()  # arms the marker again
            elif now < due:  # a later message moved it
                self._rearm_marker(scheduler, due - now)
            elif now > due + self._window:
                # This timer ran late: a cell kept the event loop busy and has just ended (its output
                # may have filled the server's rate limit until the kernel said it is idle). Wait
                # until the kernel has been free a while.
                self._marker_due = now + self._settle
                self._rearm_marker(scheduler, self._settle)
            elif self._sent_rev is not None:
                self._marker_due = None
                self._send({"type": "revision", "rev": self._sent_rev})
        if sent and self._on_sent is not None:
            self._on_sent()

    def _rearm_marker(self, scheduler: Scheduler, delay: float) -> None:
        self._marker_armed = True
        scheduler.call_later(delay, self._on_marker_timer)
