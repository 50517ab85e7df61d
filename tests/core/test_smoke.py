def test_home_lists_the_student_procedure(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Carte de séjour « étudiant »" in response.get_data(as_text=True)
