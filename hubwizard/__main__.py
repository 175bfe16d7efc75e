"""``python -m hubwizard`` is the same as the ``hubwizard`` command."""

from hubwizard.cli import run

run()
