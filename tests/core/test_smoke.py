def test_home_lists_the_student_procedure_as_open(client):
    body = client.get("/").get_data(as_text=True)
    assert "Carte de séjour «\u00a0étudiant\u00a0»" in body and "Ouverte" in body


def test_unknown_pages_are_a_clear_404(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404 and "Page introuvable" in response.get_data(as_text=True)


def test_no_secret_is_hard_coded_one_is_generated_once(app, instance_dir):
    from pathlib import Path

    key_file = Path(instance_dir) / "secret_key"
    assert key_file.exists() and app.config["SECRET_KEY"] == key_file.read_text().strip()
    assert len(app.config["SECRET_KEY"]) == 64
