"""Alembic environment: always run with a connection handed in by facilitator.db.migrate."""

from alembic import context

import facilitator.db.models  # noqa: F401  (fills the metadata)
from facilitator.db.base import Base
from facilitator.db.migrate import include_name

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through facilitator.db.migrate, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,  # the full-text index is the migrations' own, not the models'
)
with context.begin_transaction():
    context.run_migrations()
