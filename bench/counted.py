"""The application with an ``X-SQL-Queries`` response header: the number of SQL statements of each request.

Served by one gunicorn worker for the measuring pass of :mod:`bench.national` (never under load).
"""
from flask import g, has_app_context
from sqlalchemy import event

from anef import create_app
from anef.extensions import db

app = create_app()

with app.app_context():
    engine = db.engine


@event.listens_for(engine, "before_cursor_execute")
def _count(conn, cursor, statement, parameters, context, executemany):
    if has_app_context():
        g.sql_queries = g.get("sql_queries", 0) + 1


@app.after_request
def _header(response):
    response.headers["X-SQL-Queries"] = str(g.get("sql_queries", 0))
    return response
