"""The statistics helpers against hand-computed and brute-force answers."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hubwizard.health import stats
from hubwizard.health.analysis import suggest


def test_rank_test_matches_the_textbook_normal_approximation():
    x = np.array([12.0, 15.0, 18.0, 22.0, 30.0, 41.0])
    y = np.array([3.0, 5.0, 6.0, 8.0, 9.0, 11.0, 14.0])
    # U for x: every x beats every y except 12 < 14 -> 41 of 42 pairs
    u, n1, n2 = 41.0, 6, 7
    z = (u - n1 * n2 / 2 - 0.5) / math.sqrt(n1 * n2 * (n1 + n2 + 1) / 12)
    expected = 0.5 * math.erfc(z / math.sqrt(2))
    assert math.isclose(stats.mann_whitney_greater(x, y), expected, rel_tol=1e-12)
    assert stats.mann_whitney_greater(y, x) > 0.99
    assert stats.mann_whitney_greater(x, np.array([])) == 1.0


def test_rank_test_handles_ties():
    same = np.array([5.0] * 20)
    assert stats.mann_whitney_greater(same, same) == 1.0  # no variance left: no evidence


def _brute_isotonic(values, weights):
    """Best non-decreasing fit among all splits into constant blocks (small inputs only)."""
    n, best = len(values), None
    for cuts in itertools.product([False, True], repeat=n - 1):
        blocks, start = [], 0
        for i, cut in enumerate([*cuts, True]):
            if cut:
                blocks.append((start, i + 1))
                start = i + 1
        fit = []
        for a, b in blocks:
            w = sum(weights[a:b])
            fit.extend([sum(v * ww for v, ww in zip(values[a:b], weights[a:b], strict=True)) / w] * (b - a))
        if any(p > q + 1e-12 for p, q in itertools.pairwise(fit)):
            continue
        loss = sum(w * (v - f) ** 2 for v, w, f in zip(values, weights, fit, strict=True))
        if best is None or loss < best[0]:  # the fit is unique: no tolerance (tiny values tie falsely)
            best = (loss, fit)
    return best[1]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.floats(0.5, 50)),
        min_size=1,
        max_size=6,
    )
)
def test_isotonic_is_the_best_non_decreasing_fit(pairs):
    values, weights = [p[0] for p in pairs], [p[1] for p in pairs]
    fitted = stats.isotonic(values, weights)
    assert all(a <= b + 1e-12 for a, b in itertools.pairwise(fitted))
    assert np.allclose(fitted, _brute_isotonic(values, weights))


def test_suggestions_round_to_steps_and_never_fall():
    assert suggest(np.array([0.04, 0.27, 0.25, 0.64, 0.97]), np.array([500, 300, 10, 100, 80])) == [
        0.1,
        0.3,
        0.3,
        0.6,
        0.9,
    ]


def test_chain_with_skips_and_no_data():
    # stage 0 -> 1 (60), 0 -> lost (40); stage 1 -> won (30), 1 -> lost (10), stage 2: nobody left
    counts = np.zeros((3, 5))
    counts[0, 1], counts[0, 4] = 60, 40
    counts[1, 3], counts[1, 4] = 30, 10
    point, low, high = stats.win_probabilities(counts, draws=2000)
    assert low[1] <= 0.75 <= high[1] and abs(point[1] - 0.75) < 0.02
    assert abs(point[0] - 0.6 * point[1]) < 0.03
    assert high[2] - low[2] > 0.5  # a stage nobody has left: an honest, wide answer
