"""signed attestations

Revision ID: 0011
Revises: 0010
Reviewed by hand.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('attestations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('superseded_by_id', sa.Integer(), nullable=True),
    sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_reason', sa.String(length=32), nullable=True),
    sa.Column('holder_name', sa.String(length=400), nullable=False),
    sa.Column('holder_birth_date', sa.Date(), nullable=True),
    sa.Column('authorises_work', sa.Boolean(), nullable=False),
    sa.Column('token', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_attestations_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['superseded_by_id'], ['attestations.id'],
                            name=op.f('fk_attestations_superseded_by_id_attestations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attestations')),
    sa.UniqueConstraint('code', name=op.f('uq_attestations_code'))
    )
    with op.batch_alter_table('attestations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attestations_dossier_id'), ['dossier_id'], unique=False)
        batch_op.create_index('ix_attestations_kind_status_until', ['kind', 'status', 'valid_until'], unique=False)
        # At most one current attestation of each kind per dossier.
        batch_op.create_index('uq_attestations_current_kind', ['dossier_id', 'kind'], unique=True,
                              sqlite_where=sa.text("status = 'current'"),
                              postgresql_where=sa.text("status = 'current'"))

    op.create_table('attestation_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attestation_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('via', sa.String(length=8), nullable=False),
    sa.Column('ip_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['attestation_id'], ['attestations.id'],
                            name=op.f('fk_attestation_verifications_attestation_id_attestations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attestation_verifications'))
    )
    with op.batch_alter_table('attestation_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attestation_verifications_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_attestation_verifications_attestation_id'), ['attestation_id'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('attestation_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attestation_verifications_attestation_id'))
        batch_op.drop_index(batch_op.f('ix_attestation_verifications_at'))
    op.drop_table('attestation_verifications')

    with op.batch_alter_table('attestations', schema=None) as batch_op:
        batch_op.drop_index('uq_attestations_current_kind')
        batch_op.drop_index('ix_attestations_kind_status_until')
        batch_op.drop_index(batch_op.f('ix_attestations_dossier_id'))
    op.drop_table('attestations')
