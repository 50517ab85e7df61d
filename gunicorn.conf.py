"""gunicorn settings of an ANEF app server: ``gunicorn -c gunicorn.conf.py wsgi:app``.

Every value can be overridden from the environment (``GUNICORN_WORKERS``…) or the command line.
See docs/deploy.md for the figures behind the defaults.
"""
import multiprocessing
import os

_cores = multiprocessing.cpu_count()

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Pages are CPU-bound Python (templates, ORM) with short database waits: a few processes per core, each with
# a few threads to overlap those waits. Threads share one interpreter lock, so processes carry the load.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * _cores))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Import the application once in the master: workers start fast and share its memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Recycle each worker after a few thousand requests (jitter: never all at once), a guard against slow leaks.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))
# Uploads of 12 MB from a phone on a slow network go through the load balancer's buffer; 30 s is plenty after it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# The load balancer keeps connections open between requests.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Behind a load balancer that terminates TLS: trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
# Temporary files of requests in memory rather than on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_fork(server, worker):
    """Each worker opens its own database connections: a pool inherited from the master would be shared."""
    try:
        from anef.extensions import db
    except ImportError:  # a bare app (bench) has no database
        return
    app = getattr(server.app, "callable", None)
    if app is not None and hasattr(app, "app_context") and "sqlalchemy" in getattr(app, "extensions", {}):
        with app.app_context():
            db.engine.dispose(close=False)
