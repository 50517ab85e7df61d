"""Entry point of RQ jobs: runs the job inside an application context.

In a worker process, one application is built from the environment and kept for the process's
life; when the job runs inside an application already (RQ's synchronous mode, tests), that one is used.
"""
from __future__ import annotations

from flask import has_app_context

_app = None


def run(path: str, kwargs: dict) -> None:
    """Run the job function ``path`` with ``kwargs`` inside an application context."""
    global _app
    from anef.jobs import _resolve

    if has_app_context():
        _resolve(path)(**kwargs)
        return
    if _app is None:
        from anef import create_app

        _app = create_app()
    with _app.app_context():
        _resolve(path)(**kwargs)
