from alembic import context
from sqlalchemy import Connection

from prize.db import make_engine
from prize.models import Base
from prize.models.base import UTCDateTime
from prize.settings import Settings

config = context.config


def _render_item(kind: str, item, autogen_context):
    """Migrations use plain SQLAlchemy types, never the app's own classes."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=connection.dialect.name == "sqlite", render_item=_render_item)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or Settings.load().database_url
    engine = make_engine(url)
    with engine.connect() as new_connection:
        run_migrations(new_connection)
    engine.dispose()
