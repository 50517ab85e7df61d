"""inclusion: kiosks, accounts without e-mail, one-time codes, mandates of mediators, substitute declarations

Revision ID: 0015
Revises: 0013
Reviewed by hand.

- users.email becomes nullable (accounts opened with a mobile number or at a kiosk have none; the unique
  constraint stays: NULLs do not collide on SQLite nor PostgreSQL); such accounts log in with login_phone or
  access_id (both unique), the latter with a one-time access code (argon2 hash) until a password is chosen.
- one_time_codes: SMS / e-mail codes (HMAC only), counted per target and purpose for the hourly limit.
- kiosk_devices: SHA-256 digests only (enrolment code, device token, re-arm secret), each unique for lookup.
- mandates and mediation_acts: a person's consent to a mediator, and what was done under it.
- substitute_declarations: declarations of impossibility to file online, listed per service by reception.
The downgrade needs every account to have an e-mail address again (it fails otherwise: nothing is dropped
silently).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=True)
        batch_op.add_column(sa.Column('login_phone', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('access_id', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('access_code_hash', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('access_code_expires_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_users_login_phone'), ['login_phone'])
        batch_op.create_unique_constraint(batch_op.f('uq_users_access_id'), ['access_id'])

    op.create_table('one_time_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('target', sa.String(length=254), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_one_time_codes'))
    )
    with op.batch_alter_table('one_time_codes', schema=None) as batch_op:
        batch_op.create_index('ix_one_time_codes_purpose_target_created', ['purpose', 'target', 'created_at'],
                              unique=False)

    op.create_table('kiosk_devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('enrol_code_hash', sa.String(length=64), nullable=True),
    sa.Column('enrol_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('enrolled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rearm_hash', sa.String(length=64), nullable=True),
    sa.Column('rearm_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_kiosk_devices_created_by_id_users')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_kiosk_devices_revoked_by_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_kiosk_devices_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kiosk_devices')),
    sa.UniqueConstraint('enrol_code_hash', name=op.f('uq_kiosk_devices_enrol_code_hash')),
    sa.UniqueConstraint('rearm_hash', name=op.f('uq_kiosk_devices_rearm_hash')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_kiosk_devices_token_hash'))
    )
    with op.batch_alter_table('kiosk_devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kiosk_devices_service_id'), ['service_id'], unique=False)

    op.create_table('mandates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('procedure', sa.String(length=64), nullable=True),
    sa.Column('duration_hours', sa.Integer(), nullable=False),
    sa.Column('consent_method', sa.String(length=16), nullable=False),
    sa.Column('consent_reference', sa.String(length=100), nullable=True),
    sa.Column('consent_code_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('consented_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['consent_code_id'], ['one_time_codes.id'],
                            name=op.f('fk_mandates_consent_code_id_one_time_codes')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_mandates_mediator_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_mandates_person_id_users')),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_mandates_revoked_by_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_mandates_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mandates'))
    )
    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mandates_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_mandates_mediator_created', ['mediator_id', 'created_at'], unique=False)

    op.create_table('mediation_acts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mandate_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=True),
    sa.Column('transition_id', sa.Integer(), nullable=True),
    sa.Column('endpoint', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_mediation_acts_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['mandate_id'], ['mandates.id'], name=op.f('fk_mediation_acts_mandate_id_mandates')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_mediation_acts_mediator_id_users')),
    sa.ForeignKeyConstraint(['person_id'], ['users.id'], name=op.f('fk_mediation_acts_person_id_users')),
    sa.ForeignKeyConstraint(['transition_id'], ['transitions.id'],
                            name=op.f('fk_mediation_acts_transition_id_transitions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_acts')),
    sa.UniqueConstraint('transition_id', name=op.f('uq_mediation_acts_transition_id'))
    )
    with op.batch_alter_table('mediation_acts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_acts_mandate_id'), ['mandate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_acts_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('substitute_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=32), nullable=True),
    sa.Column('given_names', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('procedure', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('address_lines', sa.Text(), nullable=False),
    sa.Column('postcode', sa.String(length=5), nullable=False),
    sa.Column('town', sa.String(length=100), nullable=False),
    sa.Column('phone', sa.String(length=16), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('service_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('kiosk_id', sa.Integer(), nullable=True),
    sa.Column('mediator_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'],
                            name=op.f('fk_substitute_declarations_handled_by_id_users')),
    sa.ForeignKeyConstraint(['kiosk_id'], ['kiosk_devices.id'],
                            name=op.f('fk_substitute_declarations_kiosk_id_kiosk_devices')),
    sa.ForeignKeyConstraint(['mediator_id'], ['users.id'], name=op.f('fk_substitute_declarations_mediator_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'],
                            name=op.f('fk_substitute_declarations_service_id_services')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_substitute_declarations_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitute_declarations')),
    sa.UniqueConstraint('number', name=op.f('uq_substitute_declarations_number'))
    )
    with op.batch_alter_table('substitute_declarations', schema=None) as batch_op:
        batch_op.create_index('ix_substitute_declarations_service_received', ['service_id', 'received_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_substitute_declarations_user_id'), ['user_id'], unique=False)


def downgrade():

    with op.batch_alter_table('substitute_declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitute_declarations_user_id'))
        batch_op.drop_index('ix_substitute_declarations_service_received')
    op.drop_table('substitute_declarations')

    with op.batch_alter_table('mediation_acts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_acts_dossier_id'))
        batch_op.drop_index(batch_op.f('ix_mediation_acts_mandate_id'))
    op.drop_table('mediation_acts')

    with op.batch_alter_table('mandates', schema=None) as batch_op:
        batch_op.drop_index('ix_mandates_mediator_created')
        batch_op.drop_index(batch_op.f('ix_mandates_person_id'))
    op.drop_table('mandates')

    with op.batch_alter_table('kiosk_devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kiosk_devices_service_id'))
    op.drop_table('kiosk_devices')

    with op.batch_alter_table('one_time_codes', schema=None) as batch_op:
        batch_op.drop_index('ix_one_time_codes_purpose_target_created')
    op.drop_table('one_time_codes')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_access_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_users_login_phone'), type_='unique')
        batch_op.drop_column('access_code_expires_at')
        batch_op.drop_column('access_code_hash')
        batch_op.drop_column('access_id')
        batch_op.drop_column('login_phone')
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=False)
