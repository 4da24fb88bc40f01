"""Errors raised by jmwidget. All are ValueErrors that name the place and the rule."""

from __future__ import annotations

from collections.abc import Sequence


class JourneyError(ValueError):
    """Base class: something about a journey document or an edit is not allowed."""


class OperationError(JourneyError):
    """An operation was refused; the document is unchanged."""


class ConflictError(OperationError):
    """A browser edit based on an older revision touched something changed since then."""


class DocumentError(JourneyError):
    """A document failed validation. ``problems`` lists ``(json_path, message)`` pairs."""

    def __init__(self, problems: Sequence[tuple[str, str]], *, what: str = "document") -> None:
        self.problems = list(problems)
        lines = [f"  {path}: {message}" for path, message in self.problems]
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid journey {what} ({count} {noun}):\n" + "\n".join(lines))
