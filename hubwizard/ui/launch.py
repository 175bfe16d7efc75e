"""``make run``: start Streamlit's server on ``app.py`` and get the wizard warm meanwhile.

Streamlit runs a page's script only when a browser connects, so with a plain ``streamlit run``
the wizard's imports (the config model, the checks, the templates: about a quarter of a second)
happen while the user waits for the first page. Here they happen while the server starts and the
browser loads Streamlit's own JavaScript, when the process is idle anyway; the first run then
finds every module in ``sys.modules`` and the templates parsed. Same server, same options, same
script: ``python -m hubwizard.ui.launch [streamlit options]`` equals ``streamlit run app.py
[streamlit options]``, only sooner on screen.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app.py"


def warm() -> None:
    """What the first run would do first: import the wizard and read the templates."""
    try:
        import hubwizard.ui.state  # noqa: F401 - the import is the point
        from hubwizard import lint, templates

        for template in templates.list_templates():
            lint.lint(template.config)
    except Exception:  # warming is an optimisation: the first run itself reports any error
        return


def main(argv: Sequence[str] | None = None) -> int:
    options = list(sys.argv[1:] if argv is None else argv)
    threading.Thread(target=warm, name="hubwizard-warm", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *options]
    return int(cli.main() or 0)


if __name__ == "__main__":
    raise SystemExit(main())
