"""Public pages rendered once for every visitor who is not logged in, kept a minute by each worker.

The home page is the most visited page and the same for every anonymous visitor of a language and a département:
rendering it (procedures, calendar, 101 départements) cost 3.5 ms a time. What differs per visitor is put back on
each answer: the script nonce of the Content-Security-Policy and the CSRF token. Anything personal — a logged-in
person, a kiosk, a mediator acting, a message waiting to be shown — is rendered as usual and never kept.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable, Hashable

from flask import current_app, g, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from anef.security import csp_nonce

# Markers of the per-answer values in a kept page: not valid in either value's alphabet, never in a page.
NONCE_MARK = "\x00nonce\x00"
CSRF_MARK = "\x00csrf\x00"


class PageCache:
    """At most ``size`` pages, each for ``seconds`` (a change of the calendar shows within that time), least
    recently used out first."""

    def __init__(self, size: int = 64, seconds: float = 60.0):
        self.size, self.seconds = size, seconds
        self._pages: OrderedDict[Hashable, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, page: str) -> None:
        with self._lock:
            self._pages[key] = (time.monotonic() + self.seconds, page)
            self._pages.move_to_end(key)
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


def _cache() -> PageCache:
    cache = current_app.extensions.get("anef_page_cache")
    if cache is None:
        cache = current_app.extensions["anef_page_cache"] = PageCache(
            seconds=current_app.config["PUBLIC_PAGE_CACHE_SECONDS"])
    return cache


def forget() -> None:
    """Drop this worker's pages (the calendar changed here; other workers follow within their minute)."""
    cache = current_app.extensions.get("anef_page_cache")
    if cache is not None:
        cache.clear()


def shareable() -> bool:
    """Whether this request's page is the same for every anonymous visitor."""
    return (current_app.config["PUBLIC_PAGE_CACHE_SECONDS"] > 0
            and not current_user.is_authenticated and g.get("kiosk") is None and g.get("mediation") is None
            and "_flashes" not in session)


def cached_page(key: Hashable, render: Callable[[], str]) -> str:
    """The page for ``key``: from the cache with this answer's nonce and CSRF token, else rendered (and kept when
    shareable)."""
    if not shareable():
        return render()
    cache = _cache()
    kept = cache.get(key)
    if kept is not None:
        if NONCE_MARK in kept:
            kept = kept.replace(NONCE_MARK, csp_nonce())
        return kept.replace(CSRF_MARK, generate_csrf()) if CSRF_MARK in kept else kept
    page = render()
    nonce, token = g.get("csp_nonce"), g.get("csrf_token")
    kept = page.replace(nonce, NONCE_MARK) if nonce else page
    if token:
        kept = kept.replace(token, CSRF_MARK)
    cache.put(key, kept)
    return page
