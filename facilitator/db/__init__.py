"""Persistence: SQLAlchemy models, engines, migrations, integrity checks."""
