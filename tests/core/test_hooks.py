"""Every hook is documented in docs/hooks.md; plugins load by name from entry points."""
import inspect
import re
from pathlib import Path

import pytest

from anef import hookspecs
from anef.plugins import PluginError, build_plugin_manager

DOC = (Path(__file__).resolve().parents[2] / "docs" / "hooks.md").read_text(encoding="utf-8")


def hook_functions():
    return [(name, fn) for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, "anef_spec")]


def test_there_are_hooks():
    assert len(hook_functions()) >= 10


@pytest.mark.parametrize("name,fn", hook_functions())
def test_every_hook_has_a_section_with_its_signature(name, fn):
    signature = f"{name}({', '.join(inspect.signature(fn).parameters)})"
    assert re.search(rf"^## `{re.escape(signature)}`$", DOC, re.M), f"docs/hooks.md lacks a section '## `{signature}`'"
    assert fn.__doc__ and fn.__doc__.strip()


def test_documented_hooks_all_exist():
    documented = set(re.findall(r"^## `(\w+)\(", DOC, re.M))
    assert documented == {name for name, _ in hook_functions()}


def test_plugins_load_by_name_and_unknown_names_fail_loudly():
    pm = build_plugin_manager(["etudiant"])
    assert pm.has_plugin("etudiant")
    with pytest.raises(PluginError):
        build_plugin_manager(["nimporte"])


def test_a_misspelt_hook_implementation_fails_loudly():
    import types

    import pluggy

    from anef import hookimpl

    pm = build_plugin_manager(["etudiant"])
    bad = types.ModuleType("bad")

    @hookimpl
    def register_procedure():  # missing "s"
        return []

    bad.register_procedure = register_procedure
    pm.register(bad)
    with pytest.raises(pluggy.PluginValidationError):
        pm.check_pending()
