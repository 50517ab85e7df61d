from unittest import mock

from sqlalchemy.exc import OperationalError


def test_healthz_reports_database_and_jobs(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["jobs"] in {"inline", "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(client):
    from anef.extensions import db

    with mock.patch.object(db.session, "execute", side_effect=OperationalError("SELECT 1", {}, Exception("down"))):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unavailable",
                                   "jobs": response.get_json()["jobs"]}
