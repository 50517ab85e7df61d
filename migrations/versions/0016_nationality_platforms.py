"""Naturalisation platforms (plateformes d'accès à la nationalité française), as instructing services.

Revision ID: 0016
Revises: 0015
Reviewed by hand.

Services as data, like the préfectures of 0002: each platform instructs the naturalisation requests and the
declarations of nationality by marriage of the départements it covers (kind ``plateforme_naturalisation``).

Sources of the groupings (the set of départements is what the texts give; which préfecture hosts the group
is read from the same texts or from the platform's own pages):
- the six pilot platforms of July 2021: arrêté of 30 July 2021 (JORF 4 August 2021) lists the 23 pilot
  départements; the préfecture of Cantal sends its applicants to the Puy-de-Dôme's platform;
- Lyon and Grenoble (opened 18 January 2022 in the seeds): the arrêté as amended on 11 January 2022 lists
  Ain, Ardèche, Loire, Rhône…; Grenoble's départements (Drôme, Isère, Savoie, Haute-Savoie) are not in our
  sources (VERIFY);
- Bordeaux, Montpellier and the Île-de-France ones: the arrêté of 19 March 2015 as summarised by a third-party
  page (Gironde: Dordogne, Gironde, Landes, Lot-et-Garonne, Pyrénées-Atlantiques; Hérault: Aude, Gard, Hérault,
  Lozère, Pyrénées-Orientales; Paris: the Préfecture de police; Seine-et-Marne, Yvelines, Essonne,
  Seine-Saint-Denis and Val-d'Oise each alone).
The other départements' platforms are not in our sources: their requests go to the département's préfecture
(plugins' routing) until a later revision adds them.
"""
from alembic import op
import sqlalchemy as sa

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

services = sa.table(
    "services",
    sa.column("code", sa.String),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("departements", sa.JSON),
)

PLATFORM = "plateforme_naturalisation"

# code, city of the platform (its host préfecture), départements covered.
PLATFORMS = (
    # The six pilot platforms (July 2021).
    ("nat-63", "Clermont-Ferrand", ["03", "15", "43", "63"]),
    ("nat-31", "Toulouse", ["09", "12", "31", "32", "46", "65", "81", "82"]),
    ("nat-35", "Rennes", ["22", "29", "35", "56"]),
    ("nat-44", "Nantes", ["44", "49", "53", "72", "85"]),
    ("nat-92", "Nanterre", ["92"]),
    ("nat-94", "Créteil", ["94"]),
    # 18 January 2022.
    ("nat-69", "Lyon", ["01", "07", "42", "69"]),
    ("nat-38", "Grenoble", ["26", "38", "73", "74"]),
    # Opened with everyone else.
    ("nat-33", "Bordeaux", ["24", "33", "40", "47", "64"]),
    ("nat-34", "Montpellier", ["11", "30", "34", "48", "66"]),
    ("nat-75", "Paris (préfecture de police)", ["75"]),
    ("nat-77", "Melun", ["77"]),
    ("nat-78", "Versailles", ["78"]),
    ("nat-91", "Évry-Courcouronnes", ["91"]),
    ("nat-93", "Bobigny", ["93"]),
    ("nat-95", "Cergy", ["95"]),
)


def upgrade():
    op.bulk_insert(services, [
        {"code": code, "name": f"Plateforme d'accès à la nationalité française — {city}", "kind": PLATFORM,
         "departements": departements}
        for code, city, departements in PLATFORMS
    ])


def downgrade():
    codes = [code for code, _city, _departements in PLATFORMS]
    op.execute(services.delete().where(services.c.code.in_(codes)))
