"""JourneyChanges: how a journey changes. Observers, ``apply`` with its conflict check, transactions, undo and redo."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

from ._document import require_valid
from ._errors import ConflictError, JourneyError, OperationError
from ._journey_state import JourneyState
from ._lookups import step_name
from ._merge import Merged, merge
from ._ops import perform
from ._patches import Recorder, TargetKey, diff_patches
from ._validation import validate_operation
from ._views import Change, Origin

HISTORY_LIMIT = 1000

_J = TypeVar("_J", bound="JourneyChanges")


class JourneyChanges(JourneyState):
    """Every change is one validated operation, recorded for undo and reported to observers."""

    # ------------------------------------------------------------ observing

    def observe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change (from code, the browser, undo/redo).

        Returns a function that stops it (calling it twice is harmless), as ``unobserve`` does.
        """
        self._observers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._observers.remove(callback)

        return unsubscribe

    def unobserve(self, callback: Callable[[Change], None]) -> None:
        """Stop calling ``callback``."""
        self._observers.remove(callback)

    def _notify(self, change: Change) -> None:
        errors: list[BaseException] = []
        for callback in list(self._observers):
            try:
                callback(change)
            except Exception as exc:  # noqa: BLE001 - every observer runs; the first error is re-raised
                errors.append(exc)
        if errors:
            raise errors[0]

    # ------------------------------------------------------------ applying

    def apply(
        self,
        operation: Mapping[str, Any],
        *,
        origin: Origin = "python",
        base: int | None = None,
        req: str | None = None,
    ) -> Change | None:
        """Validate and apply one operation (see the schema's ``Operation``) atomically.

        ``base`` is the revision the editor saw; when older than :attr:`revision` the operation
        is refused with :class:`ConflictError` if it changes something changed since ``base``.
        Inside :meth:`transaction` the change is reported when the transaction ends (returns None).
        """
        if not isinstance(operation, Mapping):  # not a list of pairs that dict() would accept
            raise OperationError(f"an operation is a mapping with an 'op' field, got {type(operation).__name__}")
        if base is not None and (type(base) is not int or not 0 <= base <= self._revision):
            raise OperationError(f"base must be a revision from 0 to {self._revision}, got {base!r}")
        with self._lock:
            return self._apply(copy.deepcopy(dict(operation)), origin=origin, base=base, req=req)

    def _apply(self, op: dict[str, Any], *, origin: Origin, base: int | None, req: str | None) -> Change | None:
        validate_operation(op)
        if self._txn is not None:
            perform(self._doc, self._txn, op)
            self._txn_ops.append(op)
            return None
        rec = Recorder(self._doc)
        try:
            perform(self._doc, rec, op)
        except BaseException:
            rec.rollback()
            raise
        conflict = self._conflict(rec, base) if base is not None and base < self._revision else None
        if conflict is not None:
            rec.rollback()
            raise ConflictError(
                f"{self._describe_target(conflict[0])} was changed {conflict[1]} after this edit began "
                f"(revision {base}); your edit was not applied"
            )
        return self._commit(rec, origin=origin, label=op.get("label") or op["op"], op=op, req=req)

    def _conflict(self, rec: Recorder, base: int) -> tuple[TargetKey, str] | None:
        """The first target ``rec`` changed that something else changed after ``base``."""
        for key in sorted(rec.targets):
            seen = self._target_revs.get(key)
            if seen is not None and seen[0] > base:
                who = {"python": "from Python", "file": "in the file by someone else"}.get(seen[1], f"by {seen[1]}")
                return key, f"{who} at revision {seen[0]}"
        return None

    def _describe_target(self, key: TargetKey) -> str:
        kind, *ids = key
        try:
            if kind == "cell":
                lane = self.lane(ids[0]).name
                return f"the cell {lane!r} x {step_name(self._doc, ids[1])!r}"
            if kind == "step":
                return f"step {step_name(self._doc, ids[0])!r}"
            if kind == "annotation":
                lane = self.lane(ids[0]).name
                return f"the annotations of the cell {lane!r} x {step_name(self._doc, ids[1])!r}"
            if kind == "connection":
                label = next((c.get("label") for c in self._doc["connections"] if c["id"] == ids[0]), None)
                return f"connection {ids[0]!r}" + (f" ({label!r})" if label else "")
            if kind in ("stage", "lane", "persona"):
                items = {"stage": self._doc["stages"], "lane": self._doc["lanes"], "persona": self._doc["personas"]}[
                    kind
                ]
                return f"{kind} {next(i['name'] for i in items if i['id'] == ids[0])!r}"
        except (JourneyError, StopIteration):
            pass
        if kind == "list":
            return f"the order of {ids[0]}"
        return f"the map's {ids[0] if ids else kind}"

    def _commit(
        self, rec: Recorder, *, origin: Origin, label: str, op: dict[str, Any] | None, req: str | None
    ) -> Change:
        self._revision += 1
        for key in rec.targets:
            self._target_revs[key] = (self._revision, origin)
        patches, inverse = list(rec.forward), rec.undo_patches()
        if origin == "undo":
            self._redo.append((label, inverse, patches))
        elif origin == "file":  # another writer's change: undoing across it could undo theirs
            self._undo.clear()
            self._redo.clear()
        else:
            if origin != "redo":
                self._redo.clear()
            if patches:
                self._undo.append((label, patches, inverse))
                del self._undo[:-HISTORY_LIMIT]
        change = Change(self._revision, origin, label, op, patches, inverse, frozenset(rec.targets), req)
        self._notify(change)
        return change

    def adopt(self, document: Mapping[str, Any], *, label: str = "changes from the file") -> Change | None:
        """Make the map ``document`` in one change of origin ``"file"`` (None if nothing differs).

        Only the parts that differ are patched, so views redraw only those. A change another
        writer made to the map's file comes in this way (see :meth:`merge_from`); it cannot be
        undone here, so it starts a new undo history. ``document`` is validated first.
        """
        doc = copy.deepcopy(dict(document))
        require_valid(doc)
        with self._lock:
            return self._take(doc, label)

    def merge_from(
        self, base: Mapping[str, Any], theirs: Mapping[str, Any], *, label: str = "changes from the file"
    ) -> Merged:
        """Merge ``theirs``, another writer's version of this map grown from ``base`` (the version
        both started from), into this map, in one change of origin ``"file"``.

        Changes to different things on both sides all stay; where both changed the same thing,
        ``theirs`` is kept and the :class:`~jmwidget.model.Conflict` is in the result.
        """
        with self._lock:
            result = merge(dict(base), self._doc, dict(theirs))
            self._take(result.document, label)
            return result

    def _take(self, doc: dict[str, Any], label: str) -> Change | None:
        if self._txn is not None:
            raise JourneyError("a map cannot take in another version inside a transaction")
        patches = diff_patches(self._doc, doc)
        if not patches:
            return None
        rec = Recorder(self._doc)
        rec.apply(patches)
        return self._commit(rec, origin="file", label=label, op=None, req=None)

    # ------------------------------------------------------------ transactions, undo and redo

    @contextlib.contextmanager
    def transaction(self: _J, label: str = "edit") -> Iterator[_J]:
        """Group changes into one atomic step: one undo entry, one change event.

        If the block raises, every change made in it is rolled back.
        """
        with self._lock:
            if self._txn is not None:
                yield self
                return
            rec = self._txn = Recorder(self._doc)
            self._txn_ops = []
            try:
                yield self
            except BaseException:
                rec.rollback()
                raise
            finally:
                self._txn = None
            if rec.forward:
                self._commit(
                    rec,
                    origin="python",
                    label=label,
                    op={"op": "batch", "label": label, "ops": self._txn_ops},
                    req=None,
                )

    def undo(self, *, req: str | None = None) -> Change | None:
        """Undo the latest change (from code or browser); None if there is nothing to undo."""
        with self._lock:
            if not self._undo:
                return None
            label, _patches, inverse = self._undo.pop()
            rec = Recorder(self._doc)
            rec.apply(inverse)
            return self._commit(rec, origin="undo", label=label, op=None, req=req)

    def redo(self, *, req: str | None = None) -> Change | None:
        """Redo the latest undone change; None if there is nothing to redo."""
        with self._lock:
            if not self._redo:
                return None
            label, patches, _inverse = self._redo.pop()
            rec = Recorder(self._doc)
            rec.apply(patches)
            return self._commit(rec, origin="redo", label=label, op=None, req=req)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
