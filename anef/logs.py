"""Log filters: no e-mailed token and no personal data from the database in any log line."""
from __future__ import annotations

import logging
import re

# Paths that carry a secret token sent by e-mail (confirmation, password reset).
_TOKEN_PATH = re.compile(r"(/compte/(?:confirmation|mot-de-passe)/)[^\s?\"/]+")


class RedactTokens(logging.Filter):
    """Replace the token in request lines of access logs (werkzeug, gunicorn)."""

    def filter(self, record: logging.LogRecord) -> bool:
        redact = lambda v: _TOKEN_PATH.sub(r"\1[token]", v) if isinstance(v, str) else v  # noqa: E731
        if isinstance(record.args, dict):  # gunicorn's access log passes its atoms as a mapping
            record.args = {k: redact(v) for k, v in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(redact(a) for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _TOKEN_PATH.sub(r"\1[token]", record.msg)
        return True


class DropResultRows(logging.Filter):
    """Drop SQLAlchemy's DEBUG records of fetched rows: they hold answers, passports, e-mails."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (isinstance(record.msg, str) and record.msg.startswith(("Row ", "Col ")))


def install_log_filters() -> None:
    """Attach the filters once per process, whatever the logging configuration."""
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(RedactTokens())
    engine_logger = logging.getLogger("sqlalchemy.engine.Engine")
    if not any(isinstance(f, DropResultRows) for f in engine_logger.filters):
        engine_logger.addFilter(DropResultRows())
