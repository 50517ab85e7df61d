"""indexes for scale: the agents' queues and searches stay fast with a million dossiers

Revision ID: 0012
Revises: 0011
Reviewed by hand.

- The "traités" tab spans four states: a partial index gives its rows in filing order directly, instead of
  sorting every decided dossier of the service (the tab that grows without end).
- "Mes dossiers" (an agent's own dossiers) by state and filing order.
- The agents' search (anef.agents.services.search_page): each kind is one equality inside the service,
  on expressions written exactly as the service writes them (upper() of the answer, literal JSON keys), with
  the filing order in the index so that a page is read in order and stops after 51 rows.
  The passport and numéro étranger indexes are national: the same passport in several accounts' dossiers is
  also what fraud checks look for.
On SQLite (development, small data) the JSON expression indexes are created too (SQLite 3.38+ reads ->>).

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

FINAL_STATES = ("accepte", "refuse", "classe_sans_suite", "titre_remis")
EXPRESSIONS = {
    "ix_dossiers_search_name": "service_id, upper(answers -> 'identite' ->> 'nom'), filed_at, id",
    "ix_dossiers_passport": "upper(answers -> 'passeport' ->> 'numero')",
    "ix_dossiers_numero_etranger": "(answers -> 'titre' ->> 'numero_etranger')",
}


def upgrade():
    final = ", ".join(f"'{s}'" for s in FINAL_STATES)
    op.create_index(op.f("ix_dossiers_service_final_filed"), "dossiers", ["service_id", "filed_at", "id"],
                    postgresql_where=sa.text(f"state IN ({final})"), sqlite_where=sa.text(f"state IN ({final})"))
    op.create_index(op.f("ix_dossiers_assigned_state_filed"), "dossiers",
                    ["assigned_agent_id", "state", "filed_at", "id"])
    for name, expression in EXPRESSIONS.items():
        op.execute(f"CREATE INDEX {name} ON dossiers ({expression})")


def downgrade():
    for name in EXPRESSIONS:
        op.execute(f"DROP INDEX {name}")
    op.drop_index(op.f("ix_dossiers_assigned_state_filed"), table_name="dossiers")
    op.drop_index(op.f("ix_dossiers_service_final_filed"), table_name="dossiers")
