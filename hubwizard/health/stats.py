"""The statistics the health check needs, in numpy alone (no SciPy in the product).

- :func:`mann_whitney_greater`: is one sample of days-in-stage typically longer than another?
  (rank test with the normal approximation and a tie correction; fine from ~10 values a side).
- :func:`win_probabilities`: the chance of winning from each open stage, from the observed moves
  between stages (an absorbing Markov chain: won and lost absorb). Deals still in a stage have
  not moved yet and count nowhere, so recent deals do not bias the rates; skipped and backward
  moves are handled. The interval comes from drawing each stage's move shares from their Dirichlet
  posterior and solving the chain for every draw.
- :func:`isotonic`: the closest non-decreasing sequence (pool adjacent violators), so suggested
  probabilities never fall along the pipeline.
"""

from __future__ import annotations

import math

import numpy as np

WON, LOST = -1, -2


def mann_whitney_greater(x: np.ndarray, y: np.ndarray) -> float:
    """One-sided p-value for "values in ``x`` tend to be larger than in ``y``"."""
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        return 1.0
    both = np.concatenate([x, y])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both), dtype=float)
    sorted_values = both[order]
    # average ranks over ties
    _, starts, counts = np.unique(sorted_values, return_index=True, return_counts=True)
    average = starts + (counts + 1) / 2.0
    ranks[order] = np.repeat(average, counts)
    u = ranks[:n1].sum() - n1 * (n1 + 1) / 2.0
    n = n1 + n2
    tie_term = float((counts**3 - counts).sum()) / (n * (n - 1)) if n > 1 else 0.0
    variance = n1 * n2 / 12.0 * ((n + 1) - tie_term)
    if variance <= 0:
        return 1.0
    z = (u - n1 * n2 / 2.0 - 0.5) / math.sqrt(variance)
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value, max(weight, 1e-9), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out


def win_probabilities(
    counts: np.ndarray, *, draws: int = 4000, level: float = 0.90, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Point estimates and a ``level`` interval of P(won | in open stage i).

    ``counts[i, j]`` is how many deals moved from open stage ``i`` to open stage ``j``
    (``j < k``), to won (``j == k``) or to lost (``j == k + 1``); ``k`` open stages. Each row
    gets a Dirichlet prior of total weight 1 spread over its possible moves, so a stage nobody
    has left yet still gets an (honestly wide) answer.
    """
    k = counts.shape[0]
    prior = np.full((k, k + 2), 1.0 / (k + 1))
    for i in range(k):
        prior[i, i] = 0.0  # staying is not a move
    alpha = counts.astype(float) + prior
    point = _solve(alpha / alpha.sum(axis=1, keepdims=True))
    rng = np.random.default_rng(seed)
    gammas = rng.gamma(np.broadcast_to(np.where(alpha > 0, alpha, 1.0), (draws, k, k + 2)))
    gammas = np.where(alpha > 0, gammas, 0.0)
    shares = gammas / gammas.sum(axis=2, keepdims=True)
    samples = _solve(shares)
    tail = (1.0 - level) / 2.0
    low = np.quantile(samples, tail, axis=0)
    high = np.quantile(samples, 1.0 - tail, axis=0)
    return point, low, high


def _solve(shares: np.ndarray) -> np.ndarray:
    """P = T P + w  ⇒  (I − T) P = w, for one matrix of move shares or a stack of them."""
    k = shares.shape[-2]
    moves = shares[..., :, :k]
    won = shares[..., :, k]
    system = np.eye(k) - moves
    # Every row puts prior weight on won and lost, so I − T is always invertible.
    result = np.linalg.solve(system, won[..., None])[..., 0]
    return np.clip(result, 0.0, 1.0)
