"""The préfecture of each of the 101 départements, as instructing services.

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

from anef.territories import DEPARTEMENTS, prefecture_service_code

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

services = sa.table(
    "services",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("departements", sa.JSON),
)


def upgrade():
    op.bulk_insert(services, [
        {"code": prefecture_service_code(code), "name": f"Préfecture {name} ({city})", "kind": "prefecture",
         "departements": [code]}
        for code, name, city in DEPARTEMENTS
    ])


def downgrade():
    codes = [prefecture_service_code(code) for code, _name, _city in DEPARTEMENTS]
    op.execute(services.delete().where(services.c.code.in_(codes)))
