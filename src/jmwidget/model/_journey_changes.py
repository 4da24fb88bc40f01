"""JourneyChanges: how a journey changes. Observers, ``apply`` with its conflict check, transactions, undo and redo."""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from ._document import require_valid
from ._errors import ConflictError, JourneyError, LockedError, OperationError
from ._journey_state import JourneyState
from ._lock import Lock, check_operation, lock_guard
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
        check_operation(self._doc, op)
        label = op.get("label") or op["op"]
        if self._txn is not None:
            mark = len(self._txn.inverse)
            try:
                perform(self._doc, self._txn, op)
            except BaseException as exc:
                self._txn.rollback_to(mark)  # the transaction goes on without this operation's part
                _raise_locked(exc, label)
                raise
            self._txn_ops.append(op)
            return None
        rec = Recorder(self._doc, lock_guard(self._doc))
        try:
            perform(self._doc, rec, op)
        except BaseException as exc:
            rec.rollback()
            _raise_locked(exc, label)
            raise
        conflict = self._conflict(rec, base) if base is not None and base < self._revision else None
        if conflict is not None:
            rec.rollback()
            raise ConflictError(
                f"{self._describe_target(conflict[0])} was changed {conflict[1]} after this edit began "
                f"(revision {base}); your edit was not applied"
            )
        return self._commit(rec, origin=origin, label=label, op=op, req=req)

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
        self,
        rec: Recorder,
        *,
        origin: Origin,
        label: str,
        op: dict[str, Any] | None,
        req: str | None,
        history: bool = True,
    ) -> Change:
        self._revision += 1
        for key in rec.targets:
            self._target_revs[key] = (self._revision, origin)
        patches, inverse = list(rec.forward), rec.undo_patches()
        if not history:  # the lock: not an edit of the map, so undo neither removes nor crosses it
            pass
        elif origin == "undo":
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

        The :meth:`lock` does not filter a merge: it guards the edits made to this map (its
        code and its widget), and this side's changes were all checked against it when they were
        made. What comes from the file is another writer's map as it stands there, with that
        file's own lock (a teacher who unlocked, changed and locked the template again); refusing
        part of it would leave this map and its file apart for good.
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

    # ------------------------------------------------------------ the template lock

    @property
    def locked(self) -> Lock:
        """What is locked (see :meth:`lock`): ``.structure`` and ``.lanes`` (ids); false if nothing."""
        return Lock.of(self._doc)

    def lock(self, structure: bool | None = None, lanes: Iterable[str] | None = None) -> None:
        """Lock the map's structure and/or some lanes, so that only the other cells can be filled.

        ``structure=True`` locks the stages, steps, lanes (with their zones and settings),
        personas, the emotion scale, the channel vocabulary and which lanes are bound to data;
        ``lanes`` (ids or names) locks those lanes' settings, cells, cards and cell annotations.
        ``lock()`` alone locks the structure. Locks add up: what was locked stays locked.
        Title, description, scenario, state, arrows between cells and the other cells stay
        editable. The lock is stored in the document (it goes with the file); an edit from code
        or the browser that would change a locked part raises :class:`~jmwidget.model.LockedError`
        and changes nothing.

        Locking is not an edit: undo neither removes it nor crosses it. Earlier edits stay in the
        history, but undoing (or redoing) one that changed a locked part is refused until
        :meth:`unlock`; undoing cell edits goes on working.

        >>> from jmwidget import Journey
        >>> j = Journey.from_template("onboarding")
        >>> j.lock(lanes=["Actions"])  # lanes only; lock() locks the structure
        >>> j.locked
        Lock(structure=False, lanes=('actions',))
        >>> j.add_stage("Extra") != ""  # the structure is still free
        True
        """
        if structure is None and lanes is None:
            structure = True
        current = self.locked
        ids = [self.lane_id(ref) for ref in _lane_refs(lanes, "lock")]
        wanted = Lock(current.structure or _flag(structure, "lock"), tuple(dict.fromkeys([*current.lanes, *ids])))
        self._set_lock(wanted, "lock")

    def unlock(self, structure: bool | None = None, lanes: Iterable[str] | None = None) -> None:
        """Undo :meth:`lock`: ``unlock()`` unlocks everything; ``unlock(structure=True)`` only the
        structure; ``unlock(lanes=[...])`` only those lanes (ids or names)."""
        if structure is None and lanes is None:
            self._set_lock(Lock(), "unlock")
            return
        current = self.locked
        ids = {self.lane_id(ref) for ref in _lane_refs(lanes, "unlock")}
        not_locked = sorted(ids - set(current.lanes))
        if not_locked:
            raise OperationError(f"unlock: lanes {', '.join(map(repr, not_locked))} are not locked")
        kept = tuple(i for i in current.lanes if i not in ids)
        self._set_lock(Lock(current.structure and not _flag(structure, "unlock"), kept), "unlock")

    def _set_lock(self, wanted: Lock, label: str) -> None:
        with self._lock:
            if self._txn is not None:
                raise JourneyError(f"{label}: a map is locked or unlocked outside a transaction")
            data = wanted.to_json()
            if data == self._doc.get("lock"):
                return
            rec = Recorder(self._doc)
            if data is None:
                rec.delete(["lock"])
            else:
                rec.set(["lock"], data)
            self._commit(rec, origin="python", label=label, op=None, req=None, history=False)

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
            rec = self._txn = Recorder(self._doc, lock_guard(self._doc))
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
        """Undo the latest change (from code or browser); None if there is nothing to undo.

        On a locked map (see :meth:`lock`) an undo that would change a locked part is refused with
        :class:`~jmwidget.model.LockedError` and stays in the history, to be undone after ``unlock()``.
        """
        with self._lock:
            if not self._undo:
                return None
            label, _patches, inverse = self._undo[-1]
            rec = self._replay(inverse, f"undo of {label!r}")
            self._undo.pop()
            return self._commit(rec, origin="undo", label=label, op=None, req=req)

    def redo(self, *, req: str | None = None) -> Change | None:
        """Redo the latest undone change; None if there is nothing to redo (refused like undo on a locked map)."""
        with self._lock:
            if not self._redo:
                return None
            label, patches, _inverse = self._redo[-1]
            rec = self._replay(patches, f"redo of {label!r}")
            self._redo.pop()
            return self._commit(rec, origin="redo", label=label, op=None, req=req)

    def _replay(self, patches: list[Any], what: str) -> Recorder:
        if self._txn is not None:
            raise JourneyError("undo and redo are not possible inside a transaction")
        rec = Recorder(self._doc, lock_guard(self._doc))
        try:
            rec.apply(patches)
        except BaseException as exc:
            rec.rollback()
            _raise_locked(exc, what)
            raise
        return rec

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)


def _raise_locked(exc: BaseException, what: str) -> None:
    """Re-raise a lock refusal naming what was refused (an operation, an undo)."""
    if isinstance(exc, LockedError):
        raise LockedError(f"{what}: {exc}") from None


def _flag(value: bool | None, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise OperationError(f"{where}: structure is True or False, got {value!r}")
    return value


def _lane_refs(lanes: Iterable[str] | None, where: str) -> list[str]:
    if lanes is None:
        return []
    if isinstance(lanes, str):
        raise OperationError(f"{where}: lanes is a list of lane ids or names, got the string {lanes!r}")
    return list(lanes)
