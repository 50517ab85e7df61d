"""A job for the fault tests: slow, with an effect that must happen once however often it runs."""
import os
import time
from pathlib import Path


def slow_effect(*, marker: str, key: str) -> None:
    """Record the effect for ``key`` after a pause during which the worker can be killed.

    The effect is an exclusive creation: two runs, even at the same time, cannot both succeed.
    """
    Path(marker + ".started").write_text("started")
    effects = Path(marker + ".effects")
    effects.mkdir(exist_ok=True)
    if (effects / key).exists():
        return  # already done
    time.sleep(3)
    try:
        fd = os.open(effects / key, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as f:
        f.write(f"{os.getpid()}\n")
