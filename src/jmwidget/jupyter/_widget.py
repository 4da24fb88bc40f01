"""JourneyWidget: the anywidget view over a :class:`~jmwidget.Journey`.

The whole document goes to the browser once (``_doc``); afterwards each change travels as a
small ``patch`` message with its revision, and browser edits come back as operations. See
docs/design.md for the protocol and the rule for simultaneous edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from ..formats import Autosaver, SaveStatus
from ..model import Change, Journey, JourneyError
from ._messages import Request, read_request, request_id
from ._outbox import Outbox, kernel_scheduler

STATIC = Path(__file__).parent.parent / "static"


class JourneyWidget(anywidget.AnyWidget):
    """An editable journey map synced with a :class:`Journey`.

    >>> from jmwidget import Journey, JourneyWidget
    >>> journey = Journey.from_template("onboarding")
    >>> widget = JourneyWidget(journey, height="480px")
    >>> widget.journey is journey
    True

    With ``path=...`` (and ``autosave=True``, the default) every change, from the browser or from
    code, is written to that file ``autosave_delay`` seconds after the last one, on a background
    thread and atomically; the map shows when it was last saved, and a failed save (say, a
    read-only folder) as an error. A path that holds a different map is refused unless
    ``overwrite=True``: open it with ``Journey.load(path)`` first.
    """

    _esm = STATIC / "widget.js"
    _css = STATIC / "widget.css"

    # Sent once on display; kept current without syncing so a page reload gets the latest map.
    _doc = traitlets.Dict().tag(sync=True)
    _rev = traitlets.Int(0).tag(sync=True)
    revision = traitlets.Int(
        read_only=True,
        help="The map's revision, set (and synced) each time changes go to the page: observe it, or read "
        "it in a marimo cell, to follow edits. A burst of changes from code moves it once per message.",
    ).tag(sync=True)
    selected_step = traitlets.Unicode(None, allow_none=True, help="Id of the selected step.").tag(sync=True)
    readonly = traitlets.Bool(False, help="Show the map without editing controls.").tag(sync=True)
    height = traitlets.Unicode("560px", help="Largest height of the scrolling map area (CSS).").tag(sync=True)
    save_status = traitlets.Dict(
        default_value=None,
        allow_none=True,
        help="Autosave status (see jmwidget.formats.SaveStatus); None without a path.",
    ).tag(sync=True)
    view = traitlets.Unicode(
        help="'journey' (customer-facing lanes: no zone, evidence, customer) or 'blueprint' (all zones); "
        "by default 'blueprint' for a map with zones, else 'journey'.",
    ).tag(sync=True)
    highlights = traitlets.List(
        traitlets.Dict(),
        help="Cells to outline, each {lane, step, kind, message}; the message shows as text on the cell.",
    ).tag(sync=True)
    comparison = traitlets.Dict(
        default_value=None,
        allow_none=True,
        help="The compare view (see compare_to): both maps' titles and states, changed cells with their "
        "values before and after, added and removed steps and lanes; None without a comparison.",
    ).tag(sync=True)

    @traitlets.default("view")
    def _default_view(self) -> str:
        journey = getattr(self, "_journey", None)
        return "blueprint" if journey is not None and journey.is_blueprint else "journey"

    @traitlets.default("revision")
    def _default_revision(self) -> int:
        journey = getattr(self, "_journey", None)
        return journey.revision if journey is not None else 0

    @traitlets.validate("revision")
    def _check_revision(self, proposal: Any) -> Any:
        # The journey decides. A page writes the revision it has after its own edit (marimo re-runs
        # the cells that read a widget when its page writes a trait); that cannot move it.
        journey = getattr(self, "_journey", None)
        return journey.revision if journey is not None else proposal["value"]

    @traitlets.validate("view")
    def _check_view(self, proposal: Any) -> Any:
        value = proposal["value"]
        if value not in ("journey", "blueprint"):
            raise JourneyError(f"JourneyWidget.view must be 'journey' or 'blueprint', got {value!r}")
        return value

    def __init__(
        self,
        journey: Journey | None = None,
        *,
        readonly: bool = False,
        height: str = "560px",
        selected_step: str | None = None,
        path: str | Path | None = None,
        autosave: bool = True,
        autosave_delay: float = 0.5,
        overwrite: bool = False,
        compare_to: Journey | None = None,
        **kwargs: Any,
    ) -> None:
        allowed = {"layout", "view", "highlights"}
        unknown = sorted(set(kwargs) - allowed)
        if unknown:
            raise TypeError(
                f"JourneyWidget() got unexpected keyword argument(s) {', '.join(unknown)}; "
                "it takes journey, readonly, height, selected_step, view, highlights, path, autosave, "
                "autosave_delay, overwrite, compare_to"
            )
        if journey is not None and not isinstance(journey, Journey):
            raise TypeError(f"JourneyWidget() takes a jmwidget.Journey, got {type(journey).__name__}")
        self._journey = journey if journey is not None else Journey()
        super().__init__(
            _doc=self._journey.to_dict(),
            _rev=self._journey.revision,
            readonly=readonly,
            height=height,
            selected_step=selected_step,
            **kwargs,
        )
        self._highlight_source: Callable[[Journey], Any] | None = None
        self._compare_to: Journey | None = None
        self.compare_to = compare_to
        self._outbox = Outbox(self._send_message, scheduler=kernel_scheduler(), on_sent=self._after_sent)
        self._unobserve = self._journey.observe(self._on_change)
        self.on_msg(self._on_message)
        self._autosaver: Autosaver | None = None
        if path is not None and autosave:
            self._autosaver = Autosaver(
                self._journey,
                path,
                delay=autosave_delay,
                on_status=self._on_save_status,
                save_now=True,
                overwrite=overwrite,
            )

    def _on_save_status(self, status: SaveStatus) -> None:
        self.save_status = status.to_dict()

    @property
    def autosaver(self) -> Autosaver | None:
        """The :class:`~jmwidget.formats.Autosaver` writing the map to ``path``, if any."""
        return self._autosaver

    @property
    def journey(self) -> Journey:
        """The journey this widget shows and edits."""
        return self._journey

    # ------------------------------------------------------------ display

    def highlight(self, rows: Any = None) -> list[dict[str, str]]:
        """Outline cells in the map with a message, e.g. ``w.highlight(analysis.alignment(j))``.

        ``rows`` is a dataframe or a list of mappings naming a lane and a step (by id or name),
        with an optional ``kind`` and ``message``; None clears the highlights. A function of the
        journey (``w.highlight(analysis.alignment)``) keeps them live: it runs now and after every
        change, so fixing a gap in the browser takes its outline off. Returns what is set now.
        """
        from ..analysis._highlights import to_highlights

        source = rows if callable(rows) else None
        found = to_highlights(self._journey, rows(self._journey) if source is not None else rows)
        self._highlight_source = source
        self.highlights = found
        return list(self.highlights)

    @property
    def compare_to(self) -> Journey | None:
        """The map this one is compared with (the map before), or None.

        ``JourneyWidget(after, compare_to=before)`` outlines every cell that changed (its values
        before and after show on hover), marks the steps and lanes added since ``before`` and where
        removed ones were, and names both maps with their state (current / future). It follows
        edits of this map; set it to None to stop comparing.
        """
        return self._compare_to

    @compare_to.setter
    def compare_to(self, before: Journey | None) -> None:
        if before is not None and not isinstance(before, Journey):
            raise TypeError(f"JourneyWidget.compare_to takes a jmwidget.Journey or None, got {type(before).__name__}")
        self._compare_to = before
        self._refresh_comparison()

    def _refresh_comparison(self) -> None:
        from ._compare import comparison_state

        before = self._compare_to
        # traitlets' stubs type Dict(allow_none=True) as never None
        self.comparison = None if before is None else comparison_state(before, self._journey)  # type: ignore[assignment]

    def _after_sent(self) -> None:
        """After patches went to the page: the synced revision, then the live highlights and the
        comparison follow the change."""
        self.set_trait("revision", self._journey.revision)
        self._refresh_highlights()
        self._refresh_comparison()

    def _refresh_highlights(self) -> None:
        """Re-run a live highlight function after a change; a map it cannot read clears them."""
        from ..analysis._highlights import to_highlights

        source = self._highlight_source
        if source is None:
            return
        try:
            self.highlights = to_highlights(self._journey, source(self._journey))
        except JourneyError:
            self.highlights = []

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """anywidget's widget view plus a static SVG picture of the map (and a text summary),
        which GitHub, nbviewer and nbconvert show where no widget front end runs."""
        from ..pictures import static_display

        bundle = super()._repr_mimebundle_(**kwargs)  # (data, metadata), or None without a view
        picture, about = static_display(self._journey)
        if bundle is None:
            return picture, about
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        return {**data, **picture}, {**(metadata or {}), **about}

    @traitlets.validate("selected_step")
    def _check_selected(self, proposal: Any) -> Any:
        value = proposal["value"]
        if value is not None:
            value = self._journey.step_id(value)
        return value

    # ------------------------------------------------------------ kernel -> browser

    def _history(self) -> dict[str, bool]:
        return {"can_undo": self._journey.can_undo, "can_redo": self._journey.can_redo}

    def _keep_state_current(self) -> None:
        # Update the traits' values without a sync message: the browser already has the
        # change as a patch, and a state request (page reload) reads these values.
        self._trait_values["_doc"] = self._journey.document
        self._trait_values["_rev"] = self._journey.revision

    def _send_message(self, message: dict[str, Any]) -> None:
        self.send(message)

    def _on_change(self, change: Change) -> None:
        self._keep_state_current()
        if self.comm is None:
            self._after_sent()
            return
        message: dict[str, Any] = {
            "type": "patch",
            "rev": change.revision,
            "patches": change.patches,
            "origin": change.origin,
            "label": change.label,
            **self._history(),
        }
        if change.req is not None:
            message["req"] = change.req
        # Sent at once, or with the changes that follow it in a burst (_outbox.py); live highlights
        # are refreshed after each patch message, so the cells they name exist in the browser.
        self._outbox.push(message)

    # ------------------------------------------------------------ browser -> kernel

    def _reject(self, req: str, message: str) -> None:
        self._outbox.send_now({"type": "reject", "req": req, "rev": self._journey.revision, "message": message})

    def _on_message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        """Answer every message: a patch or snapshot when it is applied, else a reject naming why."""
        revision = self._journey.revision
        try:
            self._handle(read_request(content, revision))
        except JourneyError as exc:
            self._reject(request_id(content), str(exc))
        except Exception as exc:
            if self._journey.revision != revision:
                raise  # applied, and something observing the change failed: the kernel's log shows it
            self._reject(request_id(content), f"the kernel could not handle this message ({type(exc).__name__}: {exc})")

    def _handle(self, request: Request) -> None:
        if request.kind == "resync":
            self._outbox.send_now(
                {
                    "type": "snapshot",
                    "rev": self._journey.revision,
                    "doc": self._journey.document,
                    "req": request.req,
                    **self._history(),
                }
            )
        elif self.readonly:
            self._reject(request.req, "This map is read-only; the edit was not applied.")
        elif request.kind == "edit" and request.op is not None:
            self._journey.apply(request.op, origin="browser", base=request.base, req=request.req)
        elif request.kind == "undo" and self._journey.undo(req=request.req) is None:
            self._reject(request.req, "Nothing to undo.")
        elif request.kind == "redo" and self._journey.redo(req=request.req) is None:
            self._reject(request.req, "Nothing to redo.")

    def close(self) -> None:
        """Stop following the journey and close the comm."""
        # Idempotent: ipywidgets calls close() again from __del__, possibly at interpreter exit.
        autosaver, self._autosaver = getattr(self, "_autosaver", None), None
        if autosaver is not None:
            autosaver.close()
        unobserve = getattr(self, "_unobserve", None)  # absent when __init__ failed
        if unobserve is not None:
            unobserve()
        outbox = getattr(self, "_outbox", None)
        if outbox is not None:
            outbox.close()
        super().close()
