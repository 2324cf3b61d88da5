"""Fast construction of the string columns every stage returns.

Tables hold pandas' ``str`` dtype (Arrow-backed in pandas 3). Building it from an Arrow array
is zero-copy, and repeating document ids with :func:`pyarrow.compute.take` avoids creating
millions of Python string references.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["repeat_strings", "str_column"]


def str_column(values: Sequence[str] | pa.Array | pa.ChunkedArray) -> pd.Series:
    """A pandas ``str`` Series from Python strings or an Arrow string array."""
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        values = pa.array(values, type=pa.large_string())
    return pd.Series(pd.array(values, dtype="str"))


def repeat_strings(values: Sequence[str], counts: Sequence[int] | np.ndarray) -> pd.Series:
    """``values[i]`` repeated ``counts[i]`` times, as a ``str`` Series (e.g. one doc_id per row)."""
    counts = np.asarray(counts, dtype=np.int64)
    idx = np.repeat(np.arange(len(values), dtype=np.int64), counts)
    arr = pc.take(pa.array(list(values), type=pa.large_string()), pa.array(idx))
    return str_column(arr)
