"""Saving and loading maps as files, chosen by suffix, with writes that never lose work.

========================  ======  ======  ==================================================
suffix                    save    load    what
========================  ======  ======  ==================================================
``.json``                 yes     yes     the document (pretty, sorted keys, UTF-8, final newline)
``.csv``                  yes     yes     the wide table: one row per step, a column per lane (lossy)
``.xlsx``                 yes     yes     the wide table (sheet ``map``) and sheets that keep the rest
                                          (:mod:`jmwidget.formats`): a blueprint round-trips
``.mmd``, ``.mermaid``    yes     yes     a Mermaid ``journey`` diagram (see :mod:`jmwidget.formats`)
``.svg``, ``.png``        yes     no      a picture (:mod:`jmwidget.pictures`)
``.html``, ``.htm``       yes     no      a self-contained page (:mod:`jmwidget.pictures`)
``.pdf``                  yes     no      A4 landscape pages, split at stages (:func:`jmwidget.pictures.to_pdf`
                                          for other sizes)
========================  ======  ======  ==================================================

CSV holds one table: saving a service blueprint as ``.csv`` drops its connections, annotations
and lane zones, and the evidence behind values (n, sd, low..high), with a
:class:`~jmwidget.LossyFormatWarning` that names them ("3 connections, 5 annotations, lane zones,
the evidence (n, sd, low..high) behind 2 cells"); so does Mermaid (its ``MermaidWarning`` is one).

Every save goes through :func:`write_atomic`: a temporary file in the target's directory is
written, flushed and fsynced, then renamed over the target, and the directory is fsynced. A crash
or kill at any moment leaves either the old file or the new one, never a mix. Every problem is a
:class:`~jmwidget.JourneyFileError` naming the file; a failed save leaves the old file and
a failed load returns nothing.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._atomic import write_atomic, write_text  # shared with pictures; re-exported here under the same names
from ..model import DocumentError, JourneyError, JourneyFileError, LossyFormatWarning
from ..model._migrations import document_version
from ._lossy import blueprint_parts, evidence_part, warn_caller
from ._shared_file import FileConflictWarning, FileState, remember, save_shared, state_of
from ._workbook import TABLE_SHEET, has_document_sheets, openpyxl_module, plain_values, read_workbook, workbook_bytes

if TYPE_CHECKING:
    from ..model import Journey

PathLike = str | os.PathLike[str]

SAVE_SUFFIXES = (".json", ".csv", ".xlsx", ".mmd", ".mermaid", ".svg", ".png", ".html", ".htm", ".pdf")
LOAD_SUFFIXES = (".json", ".csv", ".xlsx", ".mmd", ".mermaid")

#: The sheet of a plain (not jmwidget-written) workbook's lane kinds, as older jmwidget wrote it.
LANES_SHEET = "lanes"


# ---------------------------------------------------------------- saving


def save(journey: Journey, path: PathLike, *, format: str | None = None) -> Path:
    """Write ``journey`` to ``path`` in the format its suffix names (or ``format``, e.g. ``"csv"``).

    ``.json`` and ``.xlsx`` keep the whole map. ``.csv`` (one table) and ``.mmd`` drop a service
    blueprint's connections, annotations and lane zones, and the evidence behind values, and say
    so with a :class:`~jmwidget.LossyFormatWarning` naming them ("3 connections, 5 annotations,
    lane zones, the evidence (n, sd, low..high) behind 2 cells"); Mermaid's
    :class:`~jmwidget.formats.MermaidWarning` is one and lists more.

    Returns the path written. Raises :class:`JourneyFileError` for an unknown suffix, a missing
    exporter, or an operating-system error (read-only directory, disk full, ...): the old file, if
    any, is then untouched.
    """
    target = Path(path)
    suffix = _suffix(target, format)
    writer = _WRITERS.get(suffix)
    if writer is None:
        known = ", ".join(SAVE_SUFFIXES)
        raise JourneyFileError(target, f"cannot save {str(target)!r}: unknown format {suffix!r}; use one of {known}")
    if suffix == ".json" and state_of(journey, target) is not None:
        return _save_shared(journey, target)
    try:
        data = writer(journey)
    except JourneyFileError:
        raise
    except JourneyError as exc:
        raise JourneyFileError(target, f"cannot save {str(target)!r}: {exc}") from exc
    try:
        written = write_atomic(target, data)
    except OSError as exc:
        raise _not_saved(target, exc) from exc
    if suffix == ".json":
        remember(journey, target, FileState(data))
    return written


def _save_shared(journey: Journey, target: Path) -> Path:
    """Save to a map file this journey read or wrote before: merge in what others saved meanwhile."""
    try:
        result = save_shared(journey, target)
    except OSError as exc:
        raise _not_saved(target, exc) from exc
    if result.conflicts:
        warn_caller(FileConflictWarning(target, result.conflicts))
    return target


def _not_saved(target: Path, exc: OSError) -> JourneyFileError:
    reason = exc.strerror or str(exc)
    return JourneyFileError(target, f"cannot save {str(target)!r}: {reason}; the file on disk was not changed")


def json_bytes(journey: Journey) -> bytes:
    """The document as saved: two-space indents, sorted keys, UTF-8, a final newline."""
    return (journey.to_json(indent=2) + "\n").encode("utf-8")


def csv_bytes(journey: Journey) -> bytes:
    """The wide table (``journey.to_pandas(form="wide")``) as UTF-8 CSV with ``\\n`` line ends.

    One table has no place for a blueprint's connections, annotations and lane zones, nor for the
    evidence behind emotion and metric values (n, sd, low..high: the table holds the numbers), nor
    for card colours, persona details and the like, which no wide table holds: when the map has
    blueprint parts or evidence, a :class:`LossyFormatWarning` names them.
    """
    dropped = blueprint_parts(journey.document) + evidence_part(journey.document)
    if dropped:
        warn_caller(
            LossyFormatWarning(
                f"CSV has no place for {', '.join(dropped)}; they were left out (save as .xlsx or .json to keep them)"
            )
        )
    frame = plain_values(journey).to_pandas(form="wide")
    text: str = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8")


def xlsx_bytes(journey: Journey) -> bytes:
    """An Excel workbook that keeps the whole map (:func:`jmwidget.formats.workbook_bytes`)."""
    return workbook_bytes(journey)


def mermaid_bytes(journey: Journey) -> bytes:
    """The Mermaid ``journey`` diagram (warns about what Mermaid has no place for)."""
    from ._mermaid import to_mermaid

    return to_mermaid(journey).encode("utf-8")


def svg_bytes(journey: Journey) -> bytes:
    """The SVG picture from :func:`jmwidget.pictures.to_svg`."""
    to_svg = _exporter("to_svg", "an SVG picture")
    text: str = to_svg(journey)
    return text.encode("utf-8")


def png_bytes(journey: Journey) -> bytes:
    """The PNG picture from :func:`jmwidget.pictures.to_png`."""
    to_png = _exporter("to_png", "a PNG picture")
    data: bytes = to_png(journey)
    return data


def html_bytes(journey: Journey) -> bytes:
    """The self-contained page from :func:`jmwidget.pictures.to_html` (written here, atomically)."""
    to_html = _exporter("to_html", "an HTML page")
    page: str = to_html(journey, None)
    return page.encode("utf-8")


def pdf_bytes(journey: Journey) -> bytes:
    """The A4 landscape pages from :func:`jmwidget.pictures.to_pdf`."""
    to_pdf = _exporter("to_pdf", "a PDF")
    data: bytes = to_pdf(journey)
    return data


def _exporter(name: str, what: str) -> Callable[..., Any]:
    """``jmwidget.pictures.<name>``, imported on first use (pictures pull in vl-convert for PNG)."""
    try:
        from .. import pictures

        function: Callable[..., Any] = getattr(pictures, name)
    except (ImportError, AttributeError) as exc:
        raise JourneyError(
            f"{what} needs jmwidget.pictures.{name}, which is not available in this installation ({exc})"
        ) from exc
    return function


_WRITERS: dict[str, Callable[[Journey], bytes]] = {
    ".json": json_bytes,
    ".csv": csv_bytes,
    ".xlsx": xlsx_bytes,
    ".mmd": mermaid_bytes,
    ".mermaid": mermaid_bytes,
    ".svg": svg_bytes,
    ".png": png_bytes,
    ".html": html_bytes,
    ".htm": html_bytes,
    ".pdf": pdf_bytes,
}


# ---------------------------------------------------------------- loading


def load(path: PathLike, *, format: str | None = None, **table_options: Any) -> Journey:
    """Read a map from ``path`` in the format its suffix names (or ``format``).

    ``.json`` files of an older schema version are upgraded (:mod:`jmwidget.model`).
    An ``.xlsx`` workbook written by jmwidget is rebuilt whole, blueprint included, with the
    edits made on its ``map`` sheet (:func:`jmwidget.formats.read_workbook`; only ``title=``
    applies). Other ``.csv`` and ``.xlsx`` tables go through :func:`jmwidget.tables.from_frame`;
    ``table_options`` are passed on to it (``kinds=``, ``persona=``, ``title=``, ...; the title
    defaults to the workbook's title or the file name). A CSV file holds no blueprint parts.

    Raises :class:`JourneyFileError` naming the file and the problem: missing file, not UTF-8,
    not JSON, not a jmwidget document, a newer schema version, an invalid document (``problems``
    holds the JSON paths), a bad table or diagram, or (workbooks) the sheet and row of a bad value.
    """
    source = Path(path)
    suffix = _suffix(source, format)
    if suffix not in LOAD_SUFFIXES:
        if suffix in SAVE_SUFFIXES:
            reason = f"{suffix} files are exports that cannot be read back; save the map as .json to reopen it"
        else:
            reason = f"unknown format {suffix!r}; use one of {', '.join(LOAD_SUFFIXES)}"
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {reason}")
    if table_options and suffix not in (".csv", ".xlsx"):
        names = ", ".join(sorted(table_options))
        raise JourneyFileError(source, f"cannot load {str(source)!r}: options ({names}) apply to .csv and .xlsx only")
    data = _read_bytes(source)
    if suffix == ".json":
        return _load_json(source, data)
    if suffix in (".mmd", ".mermaid"):
        from ._mermaid import from_mermaid

        text = _decode(source, data)
        try:
            return from_mermaid(text)
        except JourneyError as exc:
            raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}") from exc
    return _load_table(source, data, suffix, table_options)


def load_csv(path: PathLike, **options: Any) -> Journey:
    """A map from a CSV wide table; see :func:`load`."""
    return load(path, format="csv", **options)


def load_excel(path: PathLike, **options: Any) -> Journey:
    """A map from an ``.xlsx`` workbook: one jmwidget wrote, or a wide table (the ``map`` sheet, else the first).

    See :func:`load`.
    """
    return load(path, format="xlsx", **options)


def _read_bytes(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: no such file") from None
    except IsADirectoryError:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: it is a directory") from None
    except OSError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc.strerror or exc}") from exc


def _decode(source: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JourneyFileError(
            source, f"cannot load {str(source)!r}: not UTF-8 text (byte {exc.start}: {exc.reason})"
        ) from None


def _load_json(source: Path, data: bytes) -> Journey:
    from ..model import Journey

    text = _decode(source, data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JourneyFileError(
            source, f"cannot load {str(source)!r}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    try:
        document_version(document, subject=source.name)
    except DocumentError as exc:
        raise JourneyFileError(source, str(exc), problems=exc.problems) from exc
    try:
        journey = Journey.from_dict(document, copy=False)  # parsed here: nobody else holds it
    except DocumentError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}", problems=exc.problems) from exc
    remember(journey, source, FileState(data))
    return journey


def _load_table(source: Path, data: bytes, suffix: str, options: Mapping[str, Any]) -> Journey:
    import pandas as pd

    from ..tables import from_frame

    title = source.stem
    kinds: dict[str, str] = {}
    try:
        if suffix == ".csv":
            frame = pd.read_csv(
                io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False, na_values=[""]
            )
        else:
            book = openpyxl_module().load_workbook(io.BytesIO(data), read_only=True)
            title = book.properties.title or title
            sheet = TABLE_SHEET if TABLE_SHEET in book.sheetnames else book.sheetnames[0]
            frame = pd.read_excel(
                io.BytesIO(data), sheet_name=sheet, engine="openpyxl", keep_default_na=False, na_values=[""]
            )
            if has_document_sheets(book.sheetnames):
                try:
                    return _load_workbook(source, book, frame, options)
                finally:
                    book.close()
            if LANES_SHEET in book.sheetnames:
                kinds = _sheet_kinds(pd.read_excel(io.BytesIO(data), sheet_name=LANES_SHEET, engine="openpyxl"))
            book.close()
    except JourneyFileError:
        raise
    except JourneyError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}") from exc
    except (ValueError, OSError, KeyError, IndexError, zipfile.BadZipFile) as exc:
        what = "a CSV table" if suffix == ".csv" else "an Excel workbook"
        raise JourneyFileError(source, f"cannot load {str(source)!r}: not {what} ({exc})") from exc
    frame = _typed_columns(frame)
    arguments: dict[str, Any] = {"title": title, **options}
    if kinds:
        arguments["kinds"] = {c: k for c, k in kinds.items() if c in frame.columns} | dict(options.get("kinds") or {})
    try:
        journey: Journey = from_frame(frame, **arguments)
    except JourneyError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}") from exc
    return journey


def _load_workbook(source: Path, book: Any, frame: Any, options: Mapping[str, Any]) -> Journey:
    """A map from a workbook jmwidget wrote (:func:`jmwidget.formats.read_workbook`); only ``title=`` applies."""
    other = sorted(set(options) - {"title"})
    if other:
        raise JourneyFileError(
            source,
            f"cannot load {str(source)!r}: options ({', '.join(other)}) apply to plain tables; this workbook "
            "was written by jmwidget and its 'lanes' and 'about' sheets say how to read it",
        )
    try:
        return read_workbook(book, frame, title=options.get("title"))
    except DocumentError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}", problems=exc.problems) from exc
    except JourneyError as exc:
        raise JourneyFileError(source, f"cannot load {str(source)!r}: {exc}") from exc


def _typed_columns(frame: Any) -> Any:
    """Columns whose every value is a number become numbers; empty columns hold ``None`` (text lanes).

    CSV cells are read as text first, so ``"007"`` in a text column next to words stays text and an
    empty column is not mistaken for a numeric one.
    """
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        present = values.dropna()
        if present.empty:
            frame[column] = pd.Series([None] * len(values), index=values.index, dtype=object)
        elif values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            numbers = pd.to_numeric(present.astype(str).str.strip(), errors="coerce")
            if numbers.notna().all():
                frame[column] = pd.to_numeric(values.astype(object).where(values.notna()), errors="coerce")
    return frame


def _sheet_kinds(frame: Any) -> dict[str, str]:
    """``{column: kind}`` from the ``lanes`` sheet written by :func:`xlsx_bytes`."""
    if not {"column", "kind"} <= {str(c) for c in frame.columns}:
        return {}
    return {str(c): str(k) for c, k in zip(frame["column"], frame["kind"], strict=True) if isinstance(k, str)}


# ---------------------------------------------------------------- helpers


def _suffix(path: Path, format: str | None) -> str:
    if format is not None:
        return "." + format.lower().lstrip(".")
    return path.suffix.lower()


__all__ = [
    "LOAD_SUFFIXES",
    "SAVE_SUFFIXES",
    "csv_bytes",
    "json_bytes",
    "load",
    "load_csv",
    "load_excel",
    "save",
    "write_atomic",
    "write_text",
    "xlsx_bytes",
]
