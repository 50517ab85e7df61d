"""appointments agenda and bookings

Revision ID: 0006
Revises: 0005
Reviewed by hand: the two partial unique indexes are what forbids double bookings.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('appointment_closures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_appointment_closures_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_closures'))
    )
    with op.batch_alter_table('appointment_closures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_closures_service_id'), ['service_id'], unique=False)

    op.create_table('appointment_motifs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('takes_fingerprints', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_appointment_motifs_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_motifs')),
    sa.UniqueConstraint('service_id', 'code', name='uq_appointment_motifs_service_code')
    )
    op.create_table('appointment_counters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('motif_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['motif_id'], ['appointment_motifs.id'], name=op.f('fk_appointment_counters_motif_id_appointment_motifs')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_appointment_counters_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_counters'))
    )
    with op.batch_alter_table('appointment_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_counters_service_id'), ['service_id'], unique=False)

    op.create_table('appointment_opening_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counter_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('starts', sa.Time(), nullable=False),
    sa.Column('ends', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['counter_id'], ['appointment_counters.id'], name=op.f('fk_appointment_opening_rules_counter_id_appointment_counters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_opening_rules'))
    )
    with op.batch_alter_table('appointment_opening_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_opening_rules_counter_id'), ['counter_id'], unique=False)

    op.create_table('appointment_slots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('counter_id', sa.Integer(), nullable=False),
    sa.Column('motif_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['counter_id'], ['appointment_counters.id'], name=op.f('fk_appointment_slots_counter_id_appointment_counters')),
    sa.ForeignKeyConstraint(['motif_id'], ['appointment_motifs.id'], name=op.f('fk_appointment_slots_motif_id_appointment_motifs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_slots')),
    sa.UniqueConstraint('counter_id', 'starts_at', name='uq_appointment_slots_counter_start')
    )
    with op.batch_alter_table('appointment_slots', schema=None) as batch_op:
        batch_op.create_index('ix_appointment_slots_motif_start', ['motif_id', 'starts_at'], unique=False)

    op.create_table('appointment_bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slot_id', sa.Integer(), nullable=False),
    sa.Column('motif_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('token', sa.String(length=43), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_appointment_bookings_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['motif_id'], ['appointment_motifs.id'], name=op.f('fk_appointment_bookings_motif_id_appointment_motifs')),
    sa.ForeignKeyConstraint(['slot_id'], ['appointment_slots.id'], name=op.f('fk_appointment_bookings_slot_id_appointment_slots')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_appointment_bookings_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_bookings')),
    sa.UniqueConstraint('token', name=op.f('uq_appointment_bookings_token'))
    )
    with op.batch_alter_table('appointment_bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_bookings_slot_id'), ['slot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_bookings_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_appointment_bookings_active_slot', ['slot_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.create_index('uq_appointment_bookings_active_user_motif', ['user_id', 'motif_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))




def downgrade():

    with op.batch_alter_table('appointment_bookings', schema=None) as batch_op:
        batch_op.drop_index('uq_appointment_bookings_active_user_motif', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index('uq_appointment_bookings_active_slot', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index(batch_op.f('ix_appointment_bookings_user_id'))
        batch_op.drop_index(batch_op.f('ix_appointment_bookings_slot_id'))

    op.drop_table('appointment_bookings')
    with op.batch_alter_table('appointment_slots', schema=None) as batch_op:
        batch_op.drop_index('ix_appointment_slots_motif_start')

    op.drop_table('appointment_slots')
    with op.batch_alter_table('appointment_opening_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_opening_rules_counter_id'))

    op.drop_table('appointment_opening_rules')
    with op.batch_alter_table('appointment_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_counters_service_id'))

    op.drop_table('appointment_counters')
    op.drop_table('appointment_motifs')
    with op.batch_alter_table('appointment_closures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_closures_service_id'))

    op.drop_table('appointment_closures')

