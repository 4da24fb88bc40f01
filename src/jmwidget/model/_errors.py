"""Errors raised by jmwidget. All are ValueErrors that name the place and the rule."""

from __future__ import annotations

from collections.abc import Sequence


class JourneyError(ValueError):
    """Base class: something about a journey document or an edit is not allowed."""


class OperationError(JourneyError):
    """An operation was refused; the document is unchanged."""


class ConflictError(OperationError):
    """A browser edit based on an older revision touched something changed since then."""


class LockedError(OperationError):
    """An edit would change a part of the map its template locked (see ``Journey.lock``); nothing changed."""


class DocumentError(JourneyError):
    """A document failed validation. ``problems`` lists ``(json_path, message)`` pairs."""

    def __init__(self, problems: Sequence[tuple[str, str]], *, what: str = "document") -> None:
        self.problems = list(problems)
        lines = [f"  {path}: {message}" for path, message in self.problems]
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid journey {what} ({count} {noun}):\n" + "\n".join(lines))


class NotAJourneyError(DocumentError):
    """The data is not a jmwidget document at all (not an object, wrong or missing ``schema`` name)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__([(path, message)])
        self.args = (message,)


class UnsupportedVersionError(DocumentError):
    """The document was written by a newer (or unknown) schema version than this jmwidget reads."""

    def __init__(self, version: object, newest: int, *, subject: str = "this document") -> None:
        self.version = version
        self.newest = newest
        if isinstance(version, int) and not isinstance(version, bool) and version > newest:
            message = (
                f"{subject} was written by jmwidget schema version {version}; "
                f"this jmwidget reads up to version {newest} — upgrade jmwidget"
            )
        else:
            message = f"{subject} has schema version {version!r}; it must be a schema version from 1 to {newest}"
        super().__init__([("$.version", message)])
        self.args = (message,)


class JourneyFileError(JourneyError):
    """A map file could not be loaded or saved. ``path`` names the file; nothing was changed.

    ``problems`` lists ``(json_path, message)`` pairs when the file held an invalid document.
    """

    def __init__(self, path: object, message: str, *, problems: Sequence[tuple[str, str]] = ()) -> None:
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(message)


class MermaidSyntaxError(JourneyError):
    """Mermaid ``journey`` text that Mermaid itself would not accept; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        super().__init__(f"Mermaid journey, line {line}: {message}")


class LossyFormatWarning(UserWarning):
    """A file format has no place for part of a map (say a blueprint's connections): it was left out.

    The message names what was dropped. Formats that keep everything (``.json``) never warn.
    """
