"""``python -m hubwizard`` is the same as the ``hubwizard`` command."""

import sys

from hubwizard.cli import main

sys.exit(main())
