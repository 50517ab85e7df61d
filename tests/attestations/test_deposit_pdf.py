import io

import pikepdf
import pypdfium2

from conftest import login


def test_the_attestation_pdf_embeds_marianne_and_states_the_filing(client, applicant, filed_dossier):
    login(client, "usager@example.fr")
    response = client.get(f"/attestations/{filed_dossier}/depot.pdf")
    assert response.status_code == 200
    with pikepdf.open(io.BytesIO(response.data)) as pdf:
        fonts = {str(f.get("/BaseFont")) for page in pdf.pages for f in page.Resources.Font.values()}
    assert any("Marianne" in f for f in fonts)
    document = pypdfium2.PdfDocument(response.data)
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert filed_dossier in text and "Attestation de dépôt" in text and "ne vaut pas autorisation" in text


def test_a_forged_host_header_makes_the_pdf_fetch_nothing_from_the_network(client, applicant, filed_dossier,
                                                                           monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("the PDF renderer tried to reach the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    from conftest import PASSWORD

    evil = "http://evil.example"
    client.post("/compte/connexion", data={"email": "usager@example.fr", "password": PASSWORD}, base_url=evil)
    response = client.get(f"/attestations/{filed_dossier}/depot.pdf", base_url=evil)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
