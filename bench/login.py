"""The cost of one password check: our argon2id parameters against the library default.

Usage: ``.venv/bin/python -m bench.login``. Prints milliseconds; nothing is asserted.
"""
import statistics
import time

from argon2 import PasswordHasher


def median_ms(hasher: PasswordHasher, runs: int) -> float:
    hashed = hasher.hash("correct horse battery staple")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        hasher.verify(hashed, "correct horse battery staple")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from anef.accounts.services import _hasher

    ours = median_ms(_hasher, 30)
    default = median_ms(PasswordHasher(), 10)
    print(f"argon2id t={_hasher.time_cost} m={_hasher.memory_cost} KiB p={_hasher.parallelism}: {ours:.1f} ms "
          f"a log-in (~{2000 / ours:.0f} log-ins/s on 2 cores)")
    print(f"library default t=3 m=65536 KiB p=4: {default:.1f} ms a log-in (~{2000 / default:.0f} log-ins/s on 2 cores)")


if __name__ == "__main__":
    main()
