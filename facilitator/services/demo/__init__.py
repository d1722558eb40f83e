"""The demo clinic: a deterministic, fictional clinic with years of group KAP sessions.

``facilitator demo-data`` and the first-run dialog call :func:`generate_demo_clinic`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from facilitator.services.demo.generator import generate_demo_clinic
    from facilitator.services.demo.summary import DemoSummary

__all__ = ["DemoSummary", "generate_demo_clinic"]


def __getattr__(name: str) -> Any:
    # The generator needs the whole database layer; the sign-in window only needs the demo's
    # user name from ``demo.people``, so the package does not import the generator up front.
    if name == "generate_demo_clinic":
        from facilitator.services.demo.generator import generate_demo_clinic

        return generate_demo_clinic
    if name == "DemoSummary":
        from facilitator.services.demo.summary import DemoSummary

        return DemoSummary
    raise AttributeError(name)
