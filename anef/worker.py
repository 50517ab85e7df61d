"""Entry point of RQ jobs: builds one application per worker process and runs the job in it."""
from __future__ import annotations

_app = None


def run(path: str, kwargs: dict) -> None:
    """Run the job function ``path`` with ``kwargs`` inside an application context."""
    global _app
    from anef import create_app
    from anef.jobs import _resolve

    if _app is None:
        _app = create_app()
    with _app.app_context():
        _resolve(path)(**kwargs)
