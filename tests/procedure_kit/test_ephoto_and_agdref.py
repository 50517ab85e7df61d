"""The e-photo code field and the AGDREF look-up of a numéro étranger (through the connector's simulator)."""
import pytest
from werkzeug.datastructures import MultiDict

from anef.procedure_kit import checks
from anef.procedure_kit.forms import PhotoForm


@pytest.mark.parametrize("typed,ok", [("AB12 CD34 EF56 GH78 IJ90 KL", True), ("ab12cd34ef56gh78ij90k", True),
                                      ("AB12CD34", False), ("AB12CD34EF56GH78IJ90KL12", False),
                                      ("AB12CD34EF56GH78IJ90K!", False)])
def test_an_ephoto_code_has_22_letters_and_digits(ctx, typed, ok):
    form = PhotoForm(formdata=MultiDict({"code_ephoto": typed}))
    assert form.validate() is ok
    if ok:
        assert form.code_ephoto.data == typed.replace(" ", "").upper()
    else:
        assert "22 lettres et chiffres" in str(form.errors["code_ephoto"][0])


@pytest.mark.parametrize("numero,status,words", [
    ("7501234567", "ok", "titre(s) délivré(s)"),
    ("0012345678", "error", "ne figure pas"),
    ("7501234513", "error", "autre identité"),
])
def test_agdref_knows_the_number_or_blocks_filing(ctx, numero, status, words):
    result = checks.agdref_check(numero, "NGUYEN", step_title="Carte")
    assert result.status == status and words in str(result.detail)


def test_agdref_unreachable_is_left_to_the_agent(app, ctx, monkeypatch):
    from anef.connectors.base import TIMEOUT, ConnectorResult

    class Slow:
        code = "agdref"

        def query(self, subject):
            return ConnectorResult(TIMEOUT, "time-out")

    monkeypatch.setattr("anef.connectors.registry.get_connector", lambda code: Slow())
    assert checks.agdref_check("7501234567").status == "warning"
    assert checks.agdref_check("") is None
