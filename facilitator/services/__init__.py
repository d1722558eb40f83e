"""Use cases: each takes a SQLAlchemy Session and returns plain frozen dataclasses; no Qt."""
