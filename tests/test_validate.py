"""The shared input check of the fitters' data columns (scaling/_validate.py)."""

import numpy as np
import pytest

from scaling import _validate as check


def test_columns_come_back_as_float_arrays():
    n, loss = check.positive_columns(
        2, ([1, 2, 3], "The model sizes N", "parameters"), ((2.5, 2.0, 1.5), "The losses", "nats per token")
    )
    assert n.dtype == float and n.tolist() == [1.0, 2.0, 3.0]
    assert loss.tolist() == [2.5, 2.0, 1.5]


@pytest.mark.parametrize(
    "columns, message",
    [
        (
            (([1, 2], "The model sizes N", ""), ([1, 2, 3], "The losses", "")),
            r"The model sizes N needs at least 3 points to fit, got 2\.",
        ),
        (
            (([1, 2, 3], "The model sizes N", ""), ([1, 2, 3, 4], "The losses", "")),
            r"The model sizes N and the losses must have the same shape, got \(3,\) and \(4,\)\.",
        ),
        (
            (([1, 2, 3], "The model sizes N", "parameters"), ([1, 0, 3], "The losses", "nats per token")),
            r"The losses \(nats per token\) must be greater than zero, got 0 at position 1\.",
        ),
        ((([1, 2, np.nan], "The model sizes N", ""), ([1, 2, 3], "The losses", "")), "finite"),
        ((([[1, 2, 3]], "The model sizes N", ""), ([1, 2, 3], "The losses", "")), "one-dimensional"),
    ],
)
def test_bad_columns_are_refused_with_a_sentence(columns, message):
    with pytest.raises(ValueError, match=message):
        check.positive_columns(3, *columns)
