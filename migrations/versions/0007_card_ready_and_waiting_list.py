"""card ready and waiting list

Revision ID: 0007
Revises: 0006
Reviewed by hand.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('appointment_waitlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('motif_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('offered_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['motif_id'], ['appointment_motifs.id'], name=op.f('fk_appointment_waitlist_motif_id_appointment_motifs')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_appointment_waitlist_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_waitlist')),
    sa.UniqueConstraint('user_id', 'motif_id', name='uq_appointment_waitlist_user_motif')
    )
    with op.batch_alter_table('appointment_waitlist', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_waitlist_motif_id'), ['motif_id'], unique=False)

    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('card_ready_at', sa.DateTime(timezone=True), nullable=True))




def downgrade():

    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('card_ready_at')

    with op.batch_alter_table('appointment_waitlist', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_waitlist_motif_id'))

    op.drop_table('appointment_waitlist')

