"""Tables in: repeated column names."""

from __future__ import annotations

import pandas as pd
import pytest

from jmwidget import Journey, JourneyError
from jmwidget.tables import from_frame


def test_a_repeated_column_is_named_not_a_narwhals_error(small: Journey) -> None:
    frame = pd.DataFrame([["S", "a", "x", "y"]], columns=["stage", "step", "Notes", "Notes"])
    with pytest.raises(JourneyError, match=r"from_frame: the table has more than one column named 'Notes'"):
        from_frame(frame)
    update = pd.DataFrame([["see-advert", 1.0, 2.0]], columns=["step", "Conversion", "Conversion"])
    with pytest.raises(JourneyError, match=r"update_from_frame: .* more than one column named 'Conversion'"):
        small.update_from_pandas(update)
    with pytest.raises(JourneyError, match=r"named 'step', 'Notes'; rename or drop the repeats"):
        Journey.from_pandas(
            pd.DataFrame([["S", "a", "x", "y", "b"]], columns=["stage", "step", "Notes", "Notes", "step"])
        )
