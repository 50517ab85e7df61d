"""Settings read from the environment, with an embedded default that needs no configuration."""
import os
import secrets
from pathlib import Path


def _secret_key(instance_path: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once into the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two processes starting together must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _engine_options(database_url: str) -> dict:
    """Connection pool of each worker process: one connection per thread, a few more at peaks."""
    options = {"pool_pre_ping": _bool("DATABASE_POOL_PRE_PING", True), "hide_parameters": True}
    if database_url.startswith("postgresql"):
        options.update(pool_size=int(os.environ.get("DATABASE_POOL_SIZE", 5)),
                       max_overflow=int(os.environ.get("DATABASE_MAX_OVERFLOW", 5)),
                       # Connections older than this are replaced (PgBouncer, firewalls that drop idle ones).
                       pool_recycle=int(os.environ.get("DATABASE_POOL_RECYCLE", 1800)),
                       pool_timeout=int(os.environ.get("DATABASE_POOL_TIMEOUT", 10)))
    return options


def load_settings(instance_path: str) -> dict:
    """Build the Flask configuration mapping from environment variables."""
    instance = Path(instance_path)
    env = os.environ.get("ANEF_ENV", "development")
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance / 'anef.sqlite3'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://"):]
    production = env == "production"
    settings = {
        "ANEF_ENV": env,
        "SECRET_KEY": _secret_key(instance),
        "SQLALCHEMY_DATABASE_URI": database_url,
        # Statement parameters hold personal data (answers, e-mails with links): never in logs.
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url),
        # Load balancers in front (each adds X-Forwarded-For/-Proto): the client's address comes from them.
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", 0)),
        "REDIS_URL": os.environ.get("REDIS_URL") or None,
        # Jobs run in the request unless a Redis queue is configured.
        "JOBS_SYNC": _bool("JOBS_SYNC", False),
        "STORAGE_BACKEND": os.environ.get("STORAGE_BACKEND", "local"),
        "STORAGE_PATH": os.environ.get("STORAGE_PATH") or str(instance / "files"),
        # Used when STORAGE_BACKEND=s3; without keys, boto3's own chain applies (instance role).
        "S3_BUCKET": os.environ.get("S3_BUCKET") or None,
        "S3_PREFIX": os.environ.get("S3_PREFIX", ""),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL") or None,
        "S3_REGION": os.environ.get("S3_REGION") or None,
        "S3_ACCESS_KEY_ID": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "S3_SECRET_ACCESS_KEY": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "MAX_UPLOAD_BYTES": int(os.environ.get("MAX_UPLOAD_BYTES", 10 * 1024 * 1024)),
        # Days before a complement's deadline when the applicant is reminded (once each).
        "COMPLEMENT_REMINDER_DAYS": tuple(int(d) for d in os.environ.get("COMPLEMENT_REMINDER_DAYS", "7,2").split(",")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 12 * 1024 * 1024)),
        # clamd scans every upload when one of these is set (see docs/deploy.md); none set, no scan.
        "CLAMD_SOCKET": os.environ.get("CLAMD_SOCKET") or None,
        "CLAMD_HOST": os.environ.get("CLAMD_HOST") or None,
        "CLAMD_PORT": os.environ.get("CLAMD_PORT") or None,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", 25)),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD") or None,
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", False),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "ANEF <ne-pas-repondre@anef.localhost>"),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "").rstrip("/") or None,
        "PROCEDURES": [p for p in os.environ.get("ANEF_PROCEDURES", "").split(",") if p.strip()],
        # The outbox page shows every e-mail: never in production.
        "DEV_PAGES": _bool("ANEF_DEV_PAGES", not production),
        "BABEL_DEFAULT_LOCALE": "fr",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
        "LANGUAGES": ["fr", "en", "ar", "zh"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_DURATION": 60 * 60 * 24 * 14,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,
        "WTF_CSRF_TIME_LIMIT": 60 * 60 * 12,
        # Accepted TOTP steps either side of now (30 s each): clocks of phones drift.
        "TOTP_VALID_WINDOW": int(os.environ.get("TOTP_VALID_WINDOW", 1)),
        "SESSION_IDLE_MINUTES": int(os.environ.get("SESSION_IDLE_MINUTES", 30)),
        "SESSION_ABSOLUTE_HOURS": int(os.environ.get("SESSION_ABSOLUTE_HOURS", 12)),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": os.environ.get("REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_KEY_PREFIX": "anef-limits",
        # Redis down: count in each worker's memory rather than refuse every log-in.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
        "SEND_FILE_MAX_AGE_DEFAULT": 60 * 60 * 24 * 365 if production else 0,
        # Seconds each worker keeps the home page rendered for anonymous visitors (anef/public/page_cache.py); 0: off.
        "PUBLIC_PAGE_CACHE_SECONDS": int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", 60)),
    }
    if production:
        settings["SESSION_COOKIE_NAME"] = "__Host-session"
    return settings
