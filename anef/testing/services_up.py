"""Exit 0 when the PostgreSQL and Redis servers used by `make test` answer, 1 otherwise."""
import socket
import sys


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if answers("127.0.0.1", 5432) and answers("127.0.0.1", 6379) else 1)
