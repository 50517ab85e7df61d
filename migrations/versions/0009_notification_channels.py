"""notification channels

Revision ID: 0009
Revises: 0008
Reviewed by hand.

The outbox becomes the record of every notification on every channel (e-mail, SMS, postal letter),
with its status, attempts, claim and idempotency key; people get contact details and channel choices.
Existing outbox rows stay valid: they are e-mails, sent when they have a sending date.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mobile_phone', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('address_lines', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('postcode', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('town', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('notify_email', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_sms', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column('notify_post', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=16), server_default='email', nullable=False))
        batch_op.add_column(sa.Column('status', sa.String(length=16), server_default='en_attente', nullable=False))
        batch_op.add_column(sa.Column('event', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('dossier_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('idempotency_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('locale', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('postal_address', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('service_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('provider_id', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('printed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('printed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_dossier_id_dossiers'), 'dossiers',
                                    ['dossier_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_service_id_services'), 'services',
                                    ['service_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_outbox_messages_printed_by_id_users'), 'users',
                                    ['printed_by_id'], ['id'])
        batch_op.create_unique_constraint('uq_outbox_messages_idempotency_key_channel',
                                          ['idempotency_key', 'channel'])
        batch_op.create_index(batch_op.f('ix_outbox_messages_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index('ix_outbox_messages_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_outbox_messages_service_status', ['service_id', 'status', 'id'], unique=False)

    # Rows written before: e-mails, sent when they carry a sending date; the others stay to be sent.
    outbox = sa.table('outbox_messages', sa.column('status', sa.String), sa.column('sent_at', sa.DateTime))
    op.execute(outbox.update().where(outbox.c.sent_at.is_not(None)).values(status='envoye'))


def downgrade():

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_service_status')
        batch_op.drop_index('ix_outbox_messages_status_created')
        batch_op.drop_index(batch_op.f('ix_outbox_messages_dossier_id'))
        batch_op.drop_constraint('uq_outbox_messages_idempotency_key_channel', type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_printed_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_service_id_services'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_outbox_messages_dossier_id_dossiers'), type_='foreignkey')
        for column in ('printed_by_id', 'printed_at', 'provider_id', 'claim_token', 'claimed_at', 'attempts',
                       'service_id', 'postal_address', 'locale', 'idempotency_key', 'dossier_id', 'event',
                       'status', 'channel'):
            batch_op.drop_column(column)

    with op.batch_alter_table('users', schema=None) as batch_op:
        for column in ('notify_post', 'notify_sms', 'notify_email', 'town', 'postcode', 'address_lines',
                       'mobile_phone'):
            batch_op.drop_column(column)
