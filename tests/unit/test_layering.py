"""Only hubwizard/ui may import Streamlit: everything else must import without it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import hubwizard


def test_domain_modules_import_without_streamlit():
    modules = sorted(
        m.name
        for m in pkgutil.walk_packages(hubwizard.__path__, "hubwizard.")
        if not m.name.startswith("hubwizard.ui") and m.name != "hubwizard.__main__"
    )
    assert "hubwizard.gateway" in modules and "hubwizard.sandbox.server" in modules
    script = "import sys, importlib\nsys.modules['streamlit'] = None\n" + "".join(
        f"importlib.import_module({m!r})\n" for m in modules
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
