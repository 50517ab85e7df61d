"""WSGI entry point: ``gunicorn wsgi:app``, ``flask --app wsgi …``."""
from anef import create_app

app = create_app()
