"""agents' queue: the date a person's rights to stay end, to put first those whose rights expire soonest

Revision ID: 0018
Revises: 0017
Reviewed by hand.

- dossiers.rights_expire_on: the end of the right to stay the dossier is about (the card being renewed, the
  long-stay visa being validated…), as the procedure plugin reads it from the answers (hook ``rights_expiry``),
  recorded with each version of the answers; NULL when the dossier says nothing about it (a first request).
- ix_dossiers_service_state_rights: a tab's page in that order is one range of this index (PostgreSQL sorts NULL
  after every date in an ascending index, which is the order the queue wants: dossiers with no date come last).
- Filed dossiers of earlier versions get the date the core default of the hook reads: the card's expiry
  (``titre.titre_expiration``), else the visa's end (``entree.visa_fin``, ``visa.visa_fin``); none for a DCEM
  (its card is the parent's).
"""
from alembic import op
import sqlalchemy as sa

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("dossiers", sa.Column("rights_expire_on", sa.Date(), nullable=True))
    op.create_index("ix_dossiers_service_state_rights", "dossiers",
                    ["service_id", "state", "rights_expire_on", "filed_at", "id"])
    found = "COALESCE(answers -> 'titre' ->> 'titre_expiration', answers -> 'entree' ->> 'visa_fin', " \
            "answers -> 'visa' ->> 'visa_fin')"
    filed = "state != 'brouillon' AND procedure != 'dcem'"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"UPDATE dossiers SET rights_expire_on = CAST({found} AS date) "
                   f"WHERE {filed} AND {found} ~ '^\\d{{4}}-\\d{{2}}-\\d{{2}}$'")
    else:
        op.execute(f"UPDATE dossiers SET rights_expire_on = {found} "
                   f"WHERE {filed} AND {found} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'")


def downgrade():
    op.drop_index("ix_dossiers_service_state_rights", table_name="dossiers")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("rights_expire_on")
