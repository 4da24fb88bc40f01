"""Reading tables: any dataframe through narwhals, its values as plain Python, and cell values split and checked.

Shared by :func:`from_frame` (a new map) and :func:`update_from_frame` (an existing one).
"""

from __future__ import annotations

import contextlib
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import narwhals.stable.v2 as nw
from narwhals.exceptions import DuplicateError

from ..model import JourneyError

#: An emotion column named for its lane and persona, as the wide form names them: ``"Emotion (Ana)"``.
PERSONA_COLUMN = re.compile(r"^(?P<lane>.+?) \((?P<persona>[^()]+)\)$")
_CARD_SPLIT = re.compile(r"[\n;]")


def plain(value: Any) -> Any:
    """numpy / pandas scalars -> plain Python values; missing values (None, NaN, NA, NaT) -> None."""
    if value is None:
        return None
    name = type(value).__name__
    if name in ("NAType", "NaTType"):
        return None
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, (str, bytes, list, tuple, dict)):
        with contextlib.suppress(TypeError, ValueError):
            value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def is_number(value: Any) -> bool:
    """A finite int or float (not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def tidy_number(value: float | int) -> float | int:
    """4.0 -> 4 (emotion points read from a float column); other numbers unchanged."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def native_frame(df: Any, where: str) -> nw.DataFrame[Any]:
    """``df`` as an eager narwhals frame; a :class:`JourneyError` for anything that is not a dataframe,
    or for a table with two columns of one name (pandas and pyarrow allow them)."""
    try:
        return nw.from_native(df, eager_only=True)
    except TypeError:
        raise JourneyError(
            f"{where} takes a dataframe (pandas, polars, pyarrow, ...), got {type(df).__name__}"
        ) from None
    except DuplicateError as exc:
        repeated = ", ".join(map(repr, _repeated_columns(df)))
        if not repeated:
            raise JourneyError(f"{where}: {exc}") from None
        raise JourneyError(
            f"{where}: the table has more than one column named {repeated}; rename or drop the repeats first"
        ) from None


def _repeated_columns(df: Any) -> list[Any]:
    """The column names found more than once in a table (pandas ``columns``, pyarrow ``column_names``)."""
    names = getattr(df, "column_names", None)
    if names is None:
        names = getattr(df, "columns", None)
    try:
        counts = Counter(names) if names is not None and not isinstance(names, (str, bytes)) else Counter()
    except TypeError:  # not a collection of names
        return []
    return [name for name, count in counts.items() if count > 1]


def missing_column(frame: nw.DataFrame[Any], native: Any, column: str, what: str, where: str) -> JourneyError:
    """The error for a missing ``what`` column, listing the columns (and hinting at the index)."""
    columns = ", ".join(map(repr, frame.columns)) or "none"
    hint = ""
    index_names = getattr(getattr(native, "index", None), "names", None) or []
    if column in [str(n) for n in index_names if n is not None]:
        hint = f"; {column!r} is the index: call df.reset_index() first"
    return JourneyError(f"{where}: no {what} column {column!r} (the columns: {columns}){hint}")


def column_values(frame: nw.DataFrame[Any], column: str) -> list[Any]:
    """The values of one column as plain Python values (missing values as None)."""
    return [plain(v) for v in frame[column].to_list()]


def choose_columns(
    frame: nw.DataFrame[Any], lanes: Sequence[str] | Mapping[str, str] | None, meta: set[str]
) -> list[tuple[str, str]]:
    """``(column, lane reference)`` pairs: every non-meta column, or those ``lanes`` names."""
    if lanes is None:
        return [(c, c) for c in frame.columns if c not in meta]
    if isinstance(lanes, Mapping):
        return [(str(c), str(n)) for c, n in lanes.items()]
    return [(str(c), str(c)) for c in lanes]


def split_cards(value: Any) -> list[str]:
    """Card texts: a list's items, or a string's lines and ``";"``-separated pieces; blanks dropped."""
    if isinstance(value, (list, tuple)):
        pieces = [str(v) for v in value if plain(v) is not None]
    else:
        pieces = _CARD_SPLIT.split(str(value))
    return [p.strip() for p in pieces if p.strip()]


def split_channels(value: Any) -> list[str]:
    """Channels: a list's items or a string's comma-separated pieces; blanks and repeats dropped."""
    pieces = (
        [str(v) for v in value if plain(v) is not None] if isinstance(value, (list, tuple)) else str(value).split(",")
    )
    return list(dict.fromkeys(p.strip() for p in pieces if p.strip()))


def as_text(value: Any) -> str:
    """A value for a text lane: 3.0 -> ``"3"``, anything else as ``str``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


__all__ = [
    "PERSONA_COLUMN",
    "as_text",
    "choose_columns",
    "column_values",
    "is_number",
    "missing_column",
    "native_frame",
    "plain",
    "split_cards",
    "split_channels",
    "tidy_number",
]
