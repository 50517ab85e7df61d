"""document pages, wallet, conformity, access log

Revision ID: 0003
Revises: 0002
Reviewed by hand: server defaults for the new non-null columns; every existing document gets
its single page, so that documents and pages agree from the start.

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('wallet_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_wallet_items_file_id_stored_files')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_wallet_items_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wallet_items')),
    sa.UniqueConstraint('user_id', 'kind', 'file_id', name='uq_wallet_items_user_kind_file')
    )
    with op.batch_alter_table('wallet_items', schema=None) as batch_op:
        batch_op.create_index('ix_wallet_items_user_kind', ['user_id', 'kind'], unique=False)

    op.create_table('document_accesses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_accesses_document_id_documents')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_accesses_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_accesses'))
    )
    with op.batch_alter_table('document_accesses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_accesses_document_id'), ['document_id'], unique=False)

    op.create_table('document_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('raw_file_id', sa.Integer(), nullable=True),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_pages_document_id_documents')),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], name=op.f('fk_document_pages_file_id_stored_files')),
    sa.ForeignKeyConstraint(['raw_file_id'], ['stored_files.id'], name=op.f('fk_document_pages_raw_file_id_stored_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_pages'))
    )
    with op.batch_alter_table('document_pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_pages_document_id'), ['document_id'], unique=False)

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=16), nullable=False, server_default='pret'))
        batch_op.add_column(sa.Column('conformity', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('conformity_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('checked_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('checked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('wallet_item_id', sa.Integer(), nullable=True))
        batch_op.alter_column('file_id',
               existing_type=sa.INTEGER(),
               nullable=True)
        batch_op.create_foreign_key(batch_op.f('fk_documents_wallet_item_id_wallet_items'), 'wallet_items', ['wallet_item_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_documents_checked_by_id_users'), 'users', ['checked_by_id'], ['id'])

    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pages', sa.Integer(), nullable=False, server_default='1'))

    op.execute(
        "INSERT INTO document_pages (document_id, position, file_id, filename, status, created_at) "
        "SELECT id, 1, file_id, filename, 'pret', uploaded_at FROM documents"
    )



def downgrade():
    op.execute("DELETE FROM document_pages")
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_column('pages')

    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_documents_checked_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_documents_wallet_item_id_wallet_items'), type_='foreignkey')
        batch_op.alter_column('file_id',
               existing_type=sa.INTEGER(),
               nullable=False)
        batch_op.drop_column('wallet_item_id')
        batch_op.drop_column('checked_at')
        batch_op.drop_column('checked_by_id')
        batch_op.drop_column('conformity_reason')
        batch_op.drop_column('conformity')
        batch_op.drop_column('status')

    with op.batch_alter_table('document_pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_pages_document_id'))

    op.drop_table('document_pages')
    with op.batch_alter_table('document_accesses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_accesses_document_id'))

    op.drop_table('document_accesses')
    with op.batch_alter_table('wallet_items', schema=None) as batch_op:
        batch_op.drop_index('ix_wallet_items_user_kind')

    op.drop_table('wallet_items')
