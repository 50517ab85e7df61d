"""Work authorisations: the main-d'œuvre étrangère platforms, employer accounts, a decision's own number

Revision ID: 0017
Revises: 0016
Reviewed by hand.

- services: the work-authorisation platforms (kind ``plateforme_travail``), as data like the préfectures of
  0002. DOMAIN §3 gives their number (6 interregional platforms and 1 national platform for seasonal work) but
  not their territories. What the sources found say, and what is assumed here (VERIFY):
  * Béthune (62): Bretagne, Normandie, Hauts-de-France and Grand Est, and Avignon (84) for seasonal work
    everywhere — préfecture des Côtes-d'Armor, « Réforme du service de la main d'œuvre étrangère » (2021);
  * Clermont-Ferrand (63) hosts one (local press, 2021), Tulle (19) instructs Mayotte's requests (Journal de
    Mayotte, 30 March 2021): their other départements are assumed by region (Auvergne-Rhône-Alpes and
    Bourgogne-Franche-Comté; Nouvelle-Aquitaine and the other overseas départements);
  * Paris (Île-de-France), Nantes (Pays de la Loire and Centre-Val de Loire) and Marseille (Provence-Alpes-Côte
    d'Azur, Corse and Occitanie) are assumed seats and territories.
  Every département is covered by exactly one interregional platform.
- users.account_kind: ``personne`` (every existing account) or ``employeur``.
- employer_profiles: the establishment an employer account files for (SIRET, name, address and NAF code as API
  Entreprise gave them at sign-up), and a mandataire's own agency.
- dossiers.decision_reference: the number a granted request carries (a work authorisation's), unique index
  (added and dropped in place: SQLite 3.35 and later drop a column without copying the table).
"""
from alembic import op
import sqlalchemy as sa

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

services = sa.table(
    "services",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("departements", sa.JSON),
)

PLATFORM = "plateforme_travail"

# code, seat, départements covered.
PLATFORMS = (
    ("moe-62", "Béthune", ["22", "29", "35", "56", "14", "27", "50", "61", "76", "02", "59", "60", "62", "80",
                           "08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]),
    ("moe-63", "Clermont-Ferrand", ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74",
                                    "21", "25", "39", "58", "70", "71", "89", "90"]),
    ("moe-19", "Tulle", ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87",
                         "971", "972", "973", "974", "976"]),
    ("moe-75", "Paris", ["75", "77", "78", "91", "92", "93", "94", "95"]),
    ("moe-44", "Nantes", ["44", "49", "53", "72", "85", "18", "28", "36", "37", "41", "45"]),
    ("moe-13", "Marseille", ["04", "05", "06", "13", "83", "84", "2A", "2B", "09", "11", "12", "30", "31", "32",
                             "34", "46", "48", "65", "66", "81", "82"]),
    # Seasonal work, for the whole country.
    ("moe-saisonnier", "Avignon — travail saisonnier", []),
)


def upgrade():
    op.bulk_insert(services, [
        {"code": code, "name": f"Plateforme main-d'œuvre étrangère — {seat}", "kind": PLATFORM,
         "departements": departements}
        for code, seat, departements in PLATFORMS
    ])

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("account_kind", sa.String(length=16), nullable=False,
                                      server_default="personne"))

    op.create_table(
        "employer_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("capacity", sa.String(length=16), nullable=False),
        sa.Column("siret", sa.String(length=14), nullable=False),
        sa.Column("company_name", sa.String(length=200), nullable=False),
        sa.Column("company_address", sa.String(length=300), nullable=True),
        sa.Column("naf", sa.String(length=8), nullable=True),
        sa.Column("agency_siret", sa.String(length=14), nullable=True),
        sa.Column("agency_name", sa.String(length=200), nullable=True),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_employer_profiles_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_employer_profiles")),
    )
    with op.batch_alter_table("employer_profiles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_profiles_siret"), ["siret"], unique=False)

    # Not a batch: SQLite adds the column in place (a batch would copy dossiers and its expression indexes).
    op.add_column("dossiers", sa.Column("decision_reference", sa.String(length=32), nullable=True))
    op.create_index(op.f("ix_dossiers_decision_reference"), "dossiers", ["decision_reference"], unique=True)


def downgrade():
    op.drop_index(op.f("ix_dossiers_decision_reference"), table_name="dossiers")
    op.drop_column("dossiers", "decision_reference")

    with op.batch_alter_table("employer_profiles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_profiles_siret"))
    op.drop_table("employer_profiles")

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("account_kind")

    codes = [code for code, _seat, _departements in PLATFORMS]
    op.execute(services.delete().where(services.c.code.in_(codes)))
