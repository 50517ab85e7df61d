"""The framework's own ceiling: a bare Flask endpoint, served by gunicorn exactly like the application."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Bonjour"
