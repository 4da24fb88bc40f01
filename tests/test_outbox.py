"""Bursts of changes: the kernel coalesces its patch messages, and a page always reaches its revision.

A fake event loop stands in for the kernel's: the test moves its clock, either with the loop free
(timers run on time) or blocked by a running cell (timers wait and run late, when it ends).
"""

from __future__ import annotations

import asyncio
import copy
import heapq
import itertools
import json
import random
import threading
from collections.abc import Callable
from typing import Any

import pytest

from jmwidget import Journey, JourneyWidget
from jmwidget.jupyter import _widget
from jmwidget.jupyter._outbox import SETTLE, WINDOW, KernelScheduler, Outbox, kernel_scheduler
from jmwidget.model._patches import Recorder
from jmwidget.model._validation import validate_message

STEPS = ("see-advert", "compare-banks", "fill-form")


class FakeLoop:
    """A clock the test moves, and the timers the kernel's event loop would run."""

    def __init__(self) -> None:
        self.time = 0.0
        self._timers: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()

    def now(self) -> float:
        return self.time

    def call_later(self, delay: float, callback: Callable[[], None]) -> None:
        heapq.heappush(self._timers, (self.time + delay, next(self._seq), callback))

    def free(self, seconds: float) -> None:
        """The loop is free for ``seconds``: timers run when due (or now, if overdue)."""
        end = self.time + seconds
        while self._timers and self._timers[0][0] <= end:
            due, _, callback = heapq.heappop(self._timers)
            self.time = max(self.time, due)
            callback()
        self.time = end

    def busy(self, seconds: float) -> None:
        """A cell keeps the loop busy for ``seconds``: no timer runs."""
        self.time += seconds

    @property
    def timers(self) -> int:
        return len(self._timers)


class FakePage:
    """What a page does with the kernel's messages (js/src/model/store.ts), and what it receives."""

    def __init__(self, widget: JourneyWidget) -> None:
        self.widget = widget
        self.received: list[dict[str, Any]] = []
        self.doc = copy.deepcopy(widget._doc)
        self.rev = widget._rev
        self.shown: list[int] = [self.rev]  # every revision the page showed, in order
        self.behind = False  # it knows it missed something and would ask for a snapshot
        self.drop: Callable[[dict[str, Any]], bool] = lambda _message: False  # the server drops these
        widget.send = self._receive  # type: ignore[method-assign]

    def _receive(self, message: dict[str, Any], buffers: Any = None) -> None:
        message = json.loads(json.dumps(message))  # what crosses the wire
        assert validate_message("ServerMessage", message) == []
        if self.drop(message):
            return
        self.received.append(message)
        kind = message["type"]
        if kind == "patch" and message["rev"] > self.rev:
            if message.get("base", message["rev"] - 1) != self.rev:
                self.behind = True
                return
            Recorder(self.doc).apply(message["patches"])
            self.rev = message["rev"]
            self.shown.append(self.rev)
        elif kind == "revision" and message["rev"] > self.rev:
            self.behind = True
        elif kind == "snapshot":
            self.doc, self.rev, self.behind = message["doc"], message["rev"], False
            self.shown.append(self.rev)

    def resync(self) -> None:
        self.widget._on_message(self.widget, {"type": "resync", "req": "sync"}, [])

    def edit(self, op: dict[str, Any], req: str = "r1") -> None:
        self.widget._on_message(self.widget, {"type": "edit", "req": req, "base": self.rev, "op": op}, [])

    def patches(self) -> list[dict[str, Any]]:
        return [m for m in self.received if m["type"] == "patch"]


@pytest.fixture
def loop(monkeypatch: pytest.MonkeyPatch) -> FakeLoop:
    fake = FakeLoop()
    monkeypatch.setattr(_widget, "kernel_scheduler", lambda: fake)
    return fake


@pytest.fixture
def page(small: Journey, loop: FakeLoop) -> FakePage:
    return FakePage(JourneyWidget(small))


def burst(journey: Journey, loop: FakeLoop, count: int, *, every: float = 0.0002, start: int = 0) -> None:
    """``count`` edits from a running cell, ``every`` seconds apart (the event loop is blocked)."""
    for i in range(start, start + count):
        journey.set_cell("actions", STEPS[i % 3], f"value {i}")
        loop.busy(every)


def assert_caught_up(page: FakePage, journey: Journey) -> None:
    assert not page.behind
    assert page.rev == journey.revision
    assert page.doc == journey.to_dict()


# ---------------------------------------------------------------------- coalescing


def test_a_lone_change_is_sent_at_once(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    small.set_cell("actions", "fill-form", "one")
    assert [m["rev"] for m in page.patches()] == [small.revision]
    assert "base" not in page.received[0]
    assert_caught_up(page, small)
    loop.free(WINDOW * 2)  # a change well after the last one is a lone change again
    small.set_cell("actions", "fill-form", "two")
    assert [m["rev"] for m in page.received] == [small.revision - 1, small.revision]
    assert_caught_up(page, small)
    loop.free(SETTLE - 0.01)
    assert len(page.received) == 2
    loop.free(0.02)  # once the kernel is quiet, its revision, in case a message was dropped
    assert page.received[-1] == {"type": "revision", "rev": small.revision}
    loop.free(5.0)
    assert len(page.received) == 3


def test_a_burst_from_a_cell_becomes_a_few_messages_with_the_same_document(
    page: FakePage, small: Journey, loop: FakeLoop
) -> None:
    burst(small, loop, 1000)  # 0.2 s of edits
    during = len(page.patches())
    assert 3 <= during <= 0.2 / WINDOW + 2  # the page moves while the cell runs
    loop.free(SETTLE * 3)  # the cell ends
    patches = page.patches()
    assert len(patches) <= during + 1
    assert_caught_up(page, small)
    assert page.shown == sorted(set(page.shown))
    for before, message in itertools.pairwise([{"rev": small.revision - 1000}, *patches]):
        assert message.get("base", message["rev"] - 1) == before["rev"]  # gap-free
    assert page.received[-1] == {"type": "revision", "rev": small.revision}  # the marker ends the burst
    assert sum(len(m["patches"]) for m in patches) == 1000


def test_a_long_loop_sends_every_window_and_the_rest_when_it_ends(
    page: FakePage, small: Journey, loop: FakeLoop
) -> None:
    burst(small, loop, 2000, every=0.001)  # two seconds
    sent_at = len(page.patches())
    assert 0.8 * 2.0 / WINDOW <= sent_at <= 2.0 / WINDOW + 2
    assert page.rev > small.revision - 60  # at most a window behind while the loop runs
    loop.free(WINDOW)
    assert page.rev == small.revision
    assert page.received[-1]["type"] == "patch"
    loop.free(SETTLE * 2)
    assert page.received[-1] == {"type": "revision", "rev": small.revision}
    assert_caught_up(page, small)


def test_the_marker_waits_until_the_kernel_is_free(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    burst(small, loop, 500)
    loop.busy(2.0)  # the cell goes on (printing, say) long after its last edit
    loop.free(0.0)  # it ends: the overdue timers run now
    assert page.rev == small.revision
    assert page.received[-1]["type"] == "patch"  # the marker waits for the kernel to be idle a while
    loop.free(SETTLE - 0.01)
    assert page.received[-1]["type"] == "patch"
    loop.free(0.02)
    assert page.received[-1] == {"type": "revision", "rev": small.revision}
    loop.free(5.0)
    assert page.received[-1]["type"] == "revision"
    assert loop.timers == 0


def test_changes_close_together_outside_a_cell_are_sent_by_the_timer(
    page: FakePage, small: Journey, loop: FakeLoop
) -> None:
    small.set_cell("actions", "fill-form", "a")
    loop.free(0.01)
    small.set_cell("actions", "fill-form", "b")
    small.set_cell("actions", "see-advert", "c")
    assert len(page.patches()) == 1
    loop.free(WINDOW)
    assert [m.get("base") for m in page.patches()] == [None, small.revision - 2]
    assert_caught_up(page, small)


def test_a_page_that_missed_a_message_learns_it_from_the_marker(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    page.drop = lambda message: message["type"] == "patch" and message.get("base") is not None
    burst(small, loop, 300)
    loop.free(SETTLE * 3)
    assert page.rev < small.revision
    assert page.behind  # the marker told it
    page.drop = lambda _message: False
    page.resync()
    assert_caught_up(page, small)


def test_a_lone_change_that_was_dropped_is_caught_by_the_marker(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    page.drop = lambda message: message["type"] == "patch"  # printed output filled the rate limit
    small.set_cell("actions", "fill-form", "after a flood of output")
    loop.busy(1.0)  # the rest of the cell
    loop.free(SETTLE * 3)
    assert page.behind
    page.resync()
    assert_caught_up(page, small)


# ---------------------------------------------------------------------- with the page's own requests


def test_a_page_edit_is_answered_at_once_after_the_changes_before_it(
    page: FakePage, small: Journey, loop: FakeLoop
) -> None:
    small.set_cell("actions", "fill-form", "from code 1")
    small.set_cell("actions", "fill-form", "from code 2")
    page.edit({"op": "set_cell", "lane": "actions", "step": "see-advert", "value": "from the page"})
    answer = page.received[-1]
    assert (answer["req"], answer["rev"]) == ("r1", small.revision)
    assert "base" not in answer
    assert page.received[-2]["rev"] == small.revision - 1  # the kept change went first
    assert_caught_up(page, small)


def test_snapshot_and_reject_come_after_the_kept_changes(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    small.set_cell("actions", "fill-form", "1")
    small.set_cell("actions", "fill-form", "2")
    page.resync()
    assert [m["type"] for m in page.received] == ["patch", "patch", "snapshot"]
    small.set_cell("actions", "fill-form", "3")
    loop.free(0.001)
    small.set_cell("actions", "fill-form", "4")
    page.widget._on_message(page.widget, {"type": "redo", "req": "r9"}, [])
    assert [m["type"] for m in page.received[-2:]] == ["patch", "reject"]
    assert page.received[-1]["rev"] == page.rev == small.revision
    assert_caught_up(page, small)


def test_a_batch_carries_the_last_change_history_flags(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    small.set_cell("actions", "fill-form", "x")
    small.set_cell("actions", "fill-form", "y")
    small.undo()
    small.undo()
    loop.free(WINDOW)
    batch = page.patches()[-1]
    assert (batch["base"], batch["rev"], batch["origin"]) == (small.revision - 3, small.revision, "undo")
    assert (batch["can_undo"], batch["can_redo"]) == (small.can_undo, small.can_redo) == (True, True)
    assert_caught_up(page, small)


def test_random_bursts_edits_and_resyncs_always_converge(small: Journey, loop: FakeLoop) -> None:
    rng = random.Random(7)
    page = FakePage(JourneyWidget(small))
    for i in range(600):
        roll = rng.random()
        if roll < 0.7:
            small.set_cell("actions", rng.choice(STEPS), f"code {i}")
        elif roll < 0.8:
            page.edit({"op": "set_cell", "lane": "actions", "step": rng.choice(STEPS), "value": f"page {i}"}, f"r{i}")
        elif roll < 0.85 and small.can_undo:
            small.undo()
        elif roll < 0.9:
            page.resync()
        (loop.busy if rng.random() < 0.5 else loop.free)(rng.choice([0.0, 0.001, 0.02, 0.06]))
    loop.free(SETTLE * 3)
    assert_caught_up(page, small)
    assert page.received[-1]["type"] in ("revision", "patch", "snapshot")
    assert page.shown == sorted(page.shown)


# ---------------------------------------------------------------------- outside a kernel, closing


def test_outside_a_kernel_every_change_is_sent_at_once(small: Journey) -> None:
    assert kernel_scheduler() is None
    page = FakePage(JourneyWidget(small))
    assert not page.widget._outbox.batching
    for i in range(5):
        small.set_cell("actions", "fill-form", f"v{i}")
    assert [m["rev"] for m in page.received] == [small.revision - 4 + i for i in range(5)]
    assert all("base" not in m for m in page.received)
    assert_caught_up(page, small)


def test_a_closed_widget_sends_nothing_kept(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    first = small.revision + 1
    small.set_cell("actions", "fill-form", "1")
    small.set_cell("actions", "fill-form", "2")
    page.widget.close()
    loop.free(5.0)
    assert [m["rev"] for m in page.received] == [first]


def test_live_highlights_follow_each_message(small: Journey, loop: FakeLoop) -> None:
    widget = JourneyWidget(small)
    page = FakePage(widget)
    calls: list[int] = []

    def source(journey: Journey) -> list[dict[str, str]]:
        calls.append(page.rev)  # the page has the change when the highlights are worked out
        return []

    widget.highlight(source)
    calls.clear()
    burst(small, loop, 100)
    loop.free(WINDOW)
    assert 1 <= len(calls) <= len(page.patches())
    assert calls[-1] == small.revision


def test_the_synced_revision_moves_once_per_message(page: FakePage, small: Journey, loop: FakeLoop) -> None:
    """``revision`` is a trait (observers and marimo see it): its state messages follow the patch
    messages, so a burst adds one small message per patch message, not one per change."""
    updates: list[int] = []
    page.widget.comm.send = lambda data=None, buffers=None, **_: updates.append(data["state"]["revision"])  # type: ignore[union-attr]
    burst(small, loop, 1000)
    loop.free(SETTLE * 3)
    assert len(updates) == len(page.patches())
    assert updates == sorted(set(updates))
    assert updates[-1] == page.widget.revision == small.revision


def test_the_kernel_scheduler_runs_callbacks_on_its_loop_from_any_thread() -> None:
    from tornado.ioloop import IOLoop

    ran: list[str] = []
    loop = IOLoop(make_current=False)
    scheduler = KernelScheduler(loop)

    async def wait() -> None:
        thread = threading.Thread(target=scheduler.call_later, args=(0.02, lambda: ran.append("timer")))
        thread.start()
        thread.join()
        await asyncio.sleep(0.2)

    def run_loop() -> None:  # on a thread of its own: earlier tests may leave a loop set on this one
        try:
            loop.run_sync(wait, timeout=5)
        finally:
            loop.close()

    runner = threading.Thread(target=run_loop)
    runner.start()
    runner.join(10)
    assert ran == ["timer"]


def test_outbox_without_a_scheduler_sends_everything_at_once() -> None:
    sent: list[dict[str, Any]] = []
    outbox = Outbox(sent.append, scheduler=None)
    for rev in (1, 2, 3):
        outbox.push({"type": "patch", "rev": rev, "patches": []})
    outbox.flush()
    assert [m["rev"] for m in sent] == [1, 2, 3]
