from anef.config import load_settings


def test_embedded_default_needs_no_configuration(tmp_path, monkeypatch):
    for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ANEF_ENV", "STORAGE_PATH", "MAIL_SERVER"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'anef.sqlite3'}"
    assert settings["STORAGE_PATH"] == str(tmp_path / "files")
    assert settings["REDIS_URL"] is None and settings["MAIL_SERVER"] is None and settings["DEV_PAGES"]
    assert settings["SECRET_KEY"] == load_settings(str(tmp_path))["SECRET_KEY"]  # generated once, then reused
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only


def test_production_switches_cookies_and_removes_dev_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("ANEF_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "from-the-secret-store")
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db/anef")
    settings = load_settings(str(tmp_path))
    assert settings["SECRET_KEY"] == "from-the-secret-store" and not (tmp_path / "secret_key").exists()
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db/anef"
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_NAME"] == "__Host-session"
    assert not settings["DEV_PAGES"]


def test_dev_outbox_does_not_exist_in_production(instance_dir, _database):
    from conftest import make_app

    app = make_app(instance_dir, _database, DEV_PAGES=False)
    assert app.test_client().get("/dev/outbox").status_code == 404
    from anef.extensions import db

    with app.app_context():
        db.engine.dispose()
