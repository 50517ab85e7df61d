"""procedure stages: the last stage of a procedure's own instruction recorded on a dossier, and what was recorded

Revision ID: 0019
Revises: 0018
Reviewed by hand.

- dossiers.stage: the code of the last stage recorded (hook ``procedure_stages``: naturalisation's interview,
  enquiry, proposal, ministry's decision, décret, ceremony); NULL for procedures without stages and before the first.
- dossiers.stage_data: what agents recorded at each stage (dates, places, the décret's number), by stage code.
- services: the national service that decides naturalisations for the minister, the « Sous-direction de l'accès
  à la nationalité française » (SDANF, at Rezé near Nantes), kind ``service_national``, no département of its own.
"""
from alembic import op
import sqlalchemy as sa

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

services = sa.table(
    "services",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("departements", sa.JSON),
)

NATIONAL = [{"code": "sdanf", "name": "Sous-direction de l'accès à la nationalité française (ministère de l'Intérieur)",
             "kind": "service_national", "departements": []}]


def upgrade():
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("stage", sa.String(32), nullable=True))
        batch.add_column(sa.Column("stage_data", sa.JSON(), nullable=True))
    op.bulk_insert(services, NATIONAL)


def downgrade():
    op.execute(services.delete().where(services.c.code.in_([s["code"] for s in NATIONAL])))
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("stage_data")
        batch.drop_column("stage")
