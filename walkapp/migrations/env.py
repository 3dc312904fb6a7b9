"""Alembic environment: runs on the connection walkapp hands over, in batch mode on SQLite."""

from alembic import context
from sqlalchemy import DateTime

from walkapp.db import UTCDateTime, make_engine
from walkapp.models import Base

config = context.config


def render_item(type_, obj, autogen_context):
    # Migrations must not import walkapp's types: they have to keep working when those change.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def compare_type(context, inspected_column, metadata_column, inspected_type, metadata_type):
    if isinstance(metadata_type, UTCDateTime):
        return not isinstance(inspected_type, DateTime)
    return None


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        render_item=render_item,
        compare_type=compare_type,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as new_connection:
        run_migrations(new_connection)
    engine.dispose()
