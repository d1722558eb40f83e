"""The demo clinic: a deterministic, fictional clinic with years of group KAP sessions.

``facilitator demo-data`` and the first-run dialog call :func:`generate_demo_clinic`.
"""

from facilitator.services.demo.generator import generate_demo_clinic
from facilitator.services.demo.summary import DemoSummary

__all__ = ["DemoSummary", "generate_demo_clinic"]
