"""hubwizard: turns CRM best practice into a working HubSpot Sales Hub setup.

Everything here is importable and testable without Streamlit; only ``hubwizard.ui`` imports it.
"""

__version__ = "0.1.0"
