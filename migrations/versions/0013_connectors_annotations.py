"""connectors, checklist, annotations, avis; indexes for fraud signals and audit screens

Revision ID: 0013
Revises: 0012
Reviewed by hand.

- connector_calls: the latest call of each connector about a dossier (the cache the panel reads).
- checklist_ticks, annotations: the service's working notes on a dossier.
- avis_requests: questions to another service; its inbox reads (to_service_id, requested_at).
- Fraud signals look for a dossier's files in other dossiers: documents.file_id and document_pages.file_id.
- The audit screen and the volume alerts read one agent's events by id range: audit_events (actor_id, id).

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('connector_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('connector', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_connector_calls_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_connector_calls_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_connector_calls')),
    sa.UniqueConstraint('dossier_id', 'connector', name='uq_connector_calls_dossier_connector')
    )
    op.create_table('checklist_ticks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('ticked_by_id', sa.Integer(), nullable=False),
    sa.Column('ticked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_checklist_ticks_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['ticked_by_id'], ['users.id'], name=op.f('fk_checklist_ticks_ticked_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checklist_ticks')),
    sa.UniqueConstraint('dossier_id', 'item_key', name='uq_checklist_ticks_dossier_item')
    )
    op.create_table('annotations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_annotations_author_id_users')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_annotations_dossier_id_dossiers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotations'))
    )
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.create_index('ix_annotations_dossier_created', ['dossier_id', 'created_at'], unique=False)

    op.create_table('avis_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('from_service_id', sa.Integer(), nullable=False),
    sa.Column('to_service_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_avis_requests_answered_by_id_users')),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_avis_requests_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['from_service_id'], ['services.id'], name=op.f('fk_avis_requests_from_service_id_services')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_avis_requests_requested_by_id_users')),
    sa.ForeignKeyConstraint(['to_service_id'], ['services.id'], name=op.f('fk_avis_requests_to_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_avis_requests'))
    )
    with op.batch_alter_table('avis_requests', schema=None) as batch_op:
        batch_op.create_index('ix_avis_requests_dossier_id', ['dossier_id'], unique=False)
        batch_op.create_index('ix_avis_requests_to_service_requested', ['to_service_id', 'requested_at'], unique=False)

    op.create_index('ix_documents_file_id', 'documents', ['file_id'], unique=False)
    op.create_index('ix_document_pages_file_id', 'document_pages', ['file_id'], unique=False)
    op.create_index('ix_audit_events_actor_id_id', 'audit_events', ['actor_id', 'id'], unique=False)


def downgrade():
    op.drop_index('ix_audit_events_actor_id_id', table_name='audit_events')
    op.drop_index('ix_document_pages_file_id', table_name='document_pages')
    op.drop_index('ix_documents_file_id', table_name='documents')

    with op.batch_alter_table('avis_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_avis_requests_to_service_requested')
        batch_op.drop_index('ix_avis_requests_dossier_id')
    op.drop_table('avis_requests')

    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_annotations_dossier_created')
    op.drop_table('annotations')
    op.drop_table('checklist_ticks')
    op.drop_table('connector_calls')
