"""The health check of a running pipeline: pile-ups, stranded deals, win probabilities learned
from the portal's own deals, the forecast band and a backtest (``docs/health.md``).

``frame`` holds the deals in memory, ``analysis`` and ``stats`` answer, ``report`` runs a whole
audit for the CLI and the wizard, ``calibrate`` writes learned probabilities into a setup,
``charts`` draws them, ``generator`` makes histories with a known truth for tests and the sandbox.

This package module stays free of numpy and pandas: the command line reads its defaults from
here while building its parser, for every command.
"""

STRANDED_DAYS = 30
"""Days without activity (and a close date in the past) that make an open deal stranded."""
