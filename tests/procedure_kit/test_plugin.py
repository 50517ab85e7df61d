"""ProcedurePlugin: its hooks answer only for the plugin's own procedure, with the kit's defaults; the plugin
manager registers instances from entry points, and their templates are found beside their module."""
import sys
import types

import pytest

from anef import hookimpl, hookspecs
from anef.procedure_kit.decisions import REFUSAL
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import ProcedureInfo


def _rules():
    rules = types.ModuleType("rules")
    rules.run = lambda answers, filed_on: ["checked", filed_on]
    rules.fee = lambda answers, filed_on: "fee"
    return rules


class Sample(ProcedurePlugin):
    code = "exemple"
    rules = _rules()
    eligibility_form = object
    DECISIONS = {"refuse": [REFUSAL]}

    def info(self):
        return ProcedureInfo(code=self.code, title="Exemple", summary="", filed_by="applicant")

    def steps(self, answers):
        return ["step"]

    def agent_panels(self, dossier):
        return ["panel"]

    @hookimpl
    def find_work_authorisation(self, number, siret):
        return (number, siret)


def manager(*plugins):
    import pluggy

    pm = pluggy.PluginManager("anef")
    pm.add_hookspecs(hookspecs)
    for plugin in plugins:
        pm.register(plugin)
    pm.check_pending()
    return pm


def test_hooks_answer_for_the_plugins_own_procedure_only():
    hook = manager(Sample()).hook
    assert [info.code for batch in hook.register_procedures() for info in batch] == ["exemple"]
    assert hook.procedure_steps(procedure="exemple", answers={}) == ["step"]
    assert hook.procedure_steps(procedure="autre", answers={}) is None
    assert hook.procedure_eligibility_form(procedure="exemple") is object
    assert hook.procedure_eligibility_form(procedure="autre") is None
    assert hook.agent_dossier_panels(procedure="exemple", dossier=None) == [["panel"]]
    assert hook.agent_dossier_panels(procedure="autre", dossier=None) == [[]]
    assert hook.find_work_authorisation(number="1", siret="2") == ("1", "2")


def test_defaults_most_procedures_share():
    hook = manager(Sample()).hook
    answers = {"adresse": {"code_postal": "69003"}}
    assert hook.run_checks(procedure="exemple", answers=answers, filed_on="today") == ["checked", "today"]
    assert hook.fee_due(procedure="exemple", answers=answers, filed_on="today") == "fee"
    # No instruction_extension in its rules: none owed.
    assert hook.instruction_extension(procedure="exemple", answers=answers, filed_on="today") is None
    assert hook.route_dossier(procedure="exemple", answers=answers) == "pref-69"
    assert hook.decision_requires_signature(procedure="exemple", decision="refuse") is True
    assert hook.decision_requires_signature(procedure="exemple", decision="accepte") is False
    assert hook.decision_documents(procedure="exemple", answers={}, decision="refuse") == [REFUSAL]
    assert hook.decision_documents(procedure="exemple", answers={}, decision="accepte") is None
    assert hook.agent_checklist(procedure="exemple", answers={}) == []
    for name in ("procedure_connectors", "rights_expiry", "decide_automatically"):
        kwargs = {"answers": {}, **({"checks": []} if name == "decide_automatically" else {})}
        assert getattr(hook, name)(procedure="exemple", **kwargs) is None


def test_a_plugin_without_rules_has_no_checks_fee_or_prolongation():
    class Bare(Sample):
        rules = None

    hook = manager(Bare()).hook
    assert hook.run_checks(procedure="exemple", answers={}, filed_on="today") == []
    assert hook.fee_due(procedure="exemple", answers={}, filed_on="today") is None


def test_the_required_methods_say_what_is_missing():
    class Empty(ProcedurePlugin):
        code = "vide"

    with pytest.raises(NotImplementedError, match="Empty"):
        manager(Empty()).hook.required_documents(procedure="vide", answers={})


def test_every_installed_procedure_is_a_procedure_plugin_with_its_templates_beside_it(app):
    from anef.plugins import plugin_module

    pm = app.extensions["anef_pm"]
    for name, plugin in pm.list_name_plugin():
        if name.startswith("anef."):
            continue
        assert isinstance(plugin, ProcedurePlugin), name
        assert plugin_module(plugin) is sys.modules[f"plugins.{name}"]
    # The plugin's own templates render (etudiant's synthesis panel lives in plugins/etudiant/templates).
    assert app.jinja_env.get_template("etudiant/_agent_summary.html")
