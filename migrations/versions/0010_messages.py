"""messages

Revision ID: 0010
Revises: 0009
Reviewed by hand. Messages of a dossier (read timestamps on each message: the receipt and the unread
counts), reply templates of a service or national (no service), with three national defaults.

"""
import datetime as dt

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# The national defaults every service starts with ({nom}, {reference}, {service} are filled when inserted).
NATIONAL_TEMPLATES = [
    ("Accusé de réception",
     "Bonjour {nom},\n\nNous avons bien reçu votre message au sujet de la demande {reference}. "
     "Nous vous répondrons dans les meilleurs délais.\n\nCordialement,\n{service}"),
    ("Demande en cours d'instruction",
     "Bonjour {nom},\n\nVotre demande {reference} est en cours d'instruction. Chaque étape vous sera indiquée "
     "dans votre espace, et nous vous écrirons ici si une information nous manque.\n\nCordialement,\n{service}"),
    ("Document illisible",
     "Bonjour {nom},\n\nUn document transmis pour la demande {reference} est illisible. Photographiez-le à "
     "nouveau, à plat et bien éclairé, et envoyez-le en pièce jointe de votre réponse.\n\nCordialement,\n{service}"),
]


def upgrade():
    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('from_service', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('read_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_messages_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_messages_author_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_messages_document_id_documents')),
    sa.ForeignKeyConstraint(['read_by_id'], ['users.id'], name=op.f('fk_messages_read_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages'))
    )
    op.create_index('ix_messages_dossier_id_id', 'messages', ['dossier_id', 'id'])
    op.create_index('ix_messages_unread', 'messages', ['dossier_id', 'from_service'],
                    sqlite_where=sa.text('read_at IS NULL'), postgresql_where=sa.text('read_at IS NULL'))

    templates = op.create_table('message_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_message_templates_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_message_templates'))
    )
    op.create_index(op.f('ix_message_templates_service_id'), 'message_templates', ['service_id'])
    now = dt.datetime.now(dt.timezone.utc)
    op.bulk_insert(templates, [{"service_id": None, "title": title, "body": body, "created_at": now,
                                "updated_at": now} for title, body in NATIONAL_TEMPLATES])


def downgrade():
    op.drop_index(op.f('ix_message_templates_service_id'), table_name='message_templates')
    op.drop_table('message_templates')
    op.drop_index('ix_messages_unread', table_name='messages')
    op.drop_index('ix_messages_dossier_id_id', table_name='messages')
    op.drop_table('messages')
