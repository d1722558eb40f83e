"""Facilitator: run group ketamine-assisted therapy sessions safely."""

__version__ = "0.1.0"
