"""complement requests item by item, versioned answers, the legal clock's start, amendments

Revision ID: 0008
Revises: 0007
Reviewed by hand. The open complement (message, documents) moves from columns of dossiers to
complement_requests / complement_items; every filed dossier gets its first answer version.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('complement_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=False),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('base_version', sa.Integer(), nullable=False, server_default='1'),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reply', sa.Text(), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminded_days_left', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_complement_requests_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_complement_requests_asked_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complement_requests'))
    )
    op.create_index(op.f('ix_complement_requests_dossier_id'), 'complement_requests', ['dossier_id'])
    op.create_table('complement_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('target', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['complement_requests.id'], name=op.f('fk_complement_items_request_id_complement_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complement_items'))
    )
    op.create_index(op.f('ix_complement_items_request_id'), 'complement_items', ['request_id'])
    op.create_table('answer_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('cause', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossiers.id'], name=op.f('fk_answer_versions_dossier_id_dossiers')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_answer_versions_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_versions')),
    sa.UniqueConstraint('dossier_id', 'number', name='uq_answer_versions_dossier_number')
    )
    op.create_index(op.f('ix_answer_versions_dossier_id'), 'answer_versions', ['dossier_id'])
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complete_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('amended_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('pending_answers', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('amendment_started_at', sa.DateTime(timezone=True), nullable=True))

    # Existing data: filed dossiers are complete from their filing, with a first version of their answers;
    # an open complement becomes a request whose items are the documents it asked for.
    op.execute("UPDATE dossiers SET complete_at = filed_at WHERE filed_at IS NOT NULL")
    op.execute("INSERT INTO answer_versions (dossier_id, number, answers, documents, cause, author_id, created_at) "
               "SELECT id, 1, answers, '{}', 'submit', applicant_id, filed_at FROM dossiers WHERE filed_at IS NOT NULL")
    conn = op.get_bind()
    dossiers = sa.table('dossiers', sa.column('id', sa.Integer), sa.column('state', sa.String),
                        sa.column('complement_message', sa.Text), sa.column('complement_documents', sa.JSON),
                        sa.column('complement_deadline', sa.Date), sa.column('assigned_agent_id', sa.Integer),
                        sa.column('applicant_id', sa.Integer))
    requests = sa.table('complement_requests', sa.column('id', sa.Integer), sa.column('dossier_id', sa.Integer),
                        sa.column('asked_by_id', sa.Integer), sa.column('asked_at', sa.DateTime(timezone=True)),
                        sa.column('deadline', sa.Date), sa.column('message', sa.Text),
                        sa.column('base_version', sa.Integer))
    items = sa.table('complement_items', sa.column('request_id', sa.Integer), sa.column('kind', sa.String),
                     sa.column('target', sa.String), sa.column('reason', sa.Text))
    rows = conn.execute(sa.select(dossiers).where(dossiers.c.state == 'complement_demande')).all()
    for row in rows:
        result = conn.execute(requests.insert().values(
            dossier_id=row.id, asked_by_id=row.assigned_agent_id or row.applicant_id, asked_at=sa.func.now(),
            deadline=row.complement_deadline, message=row.complement_message, base_version=1))
        request_id = result.inserted_primary_key[0]
        for kind in row.complement_documents or []:
            conn.execute(items.insert().values(request_id=request_id, kind='document', target=kind,
                                               reason=row.complement_message or ''))
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.drop_column('complement_documents')
        batch_op.drop_column('complement_message')


def downgrade():
    with op.batch_alter_table('dossiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complement_message', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('complement_documents', sa.JSON(), nullable=True))
        batch_op.drop_column('amendment_started_at')
        batch_op.drop_column('pending_answers')
        batch_op.drop_column('amended_at')
        batch_op.drop_column('complete_at')
    op.drop_index(op.f('ix_answer_versions_dossier_id'), table_name='answer_versions')
    op.drop_table('answer_versions')
    op.drop_index(op.f('ix_complement_items_request_id'), table_name='complement_items')
    op.drop_table('complement_items')
    op.drop_index(op.f('ix_complement_requests_dossier_id'), table_name='complement_requests')
    op.drop_table('complement_requests')
