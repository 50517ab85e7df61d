"""The plugin manager: built inside create_app, loads procedure plugins by name."""
from __future__ import annotations

import importlib
import sys
import types
from importlib.metadata import entry_points

import pluggy
from flask import current_app

from anef import hookspecs
from anef.procedures import ProcedureInfo

ENTRY_POINT_GROUP = "anef.procedures"
# The core's own hook implementations, registered after the plugins: each answers only when no plugin does.
DEFAULT_PLUGINS = ("anef.procedure_kit.defaults",)


class PluginError(RuntimeError):
    """A configured plugin is missing or broken."""


def build_plugin_manager(enabled: list[str] | None = None) -> pluggy.PluginManager:
    """Create a plugin manager with the procedures listed in ``enabled`` (all when empty)."""
    pm = pluggy.PluginManager("anef")
    pm.add_hookspecs(hookspecs)
    available = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    names = enabled or sorted(available)
    for name in names:
        if name not in available:
            raise PluginError(f"procedure plugin {name!r} is not installed (entry point {ENTRY_POINT_GROUP})")
        # A module of @hookimpl functions, or an instance (a ``anef.procedure_kit.plugin.ProcedurePlugin``).
        pm.register(available[name].load(), name=name)
    for name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.check_pending()
    return pm


def plugin_module(plugin: object) -> types.ModuleType:
    """The module a registered plugin comes from: itself, or the module of its class (where its templates are)."""
    return plugin if isinstance(plugin, types.ModuleType) else sys.modules[type(plugin).__module__]


def get_pm() -> pluggy.PluginManager:
    """Return the current application's plugin manager."""
    return current_app.extensions["anef_pm"]


def hook():
    """Shortcut to the current application's hook relay."""
    return get_pm().hook


def procedures() -> dict[str, ProcedureInfo]:
    """All registered procedures by code, cached on the application."""
    cache = current_app.extensions.setdefault("anef_procedures", {})
    if not cache:
        infos = [info for batch in hook().register_procedures() for info in batch]
        for info in sorted(infos, key=lambda i: (i.order, i.code)):
            if info.code in cache:
                raise PluginError(f"two plugins declare procedure {info.code!r}")
            cache[info.code] = info
    return cache


def procedure_or_none(code: str) -> ProcedureInfo | None:
    """The procedure with this code, or None."""
    return procedures().get(code)
