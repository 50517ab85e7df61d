"""Passwords: argon2id at the ASVS minimum cost, rehashed when parameters change, sensible rules."""
from argon2 import PasswordHasher

from anef.accounts.services import password_problem
from conftest import PASSWORD, login


def test_hash_parameters_are_the_asvs_minimum(app, applicant):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        stored = db.session.get(User, applicant).password_hash
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_an_old_hash_is_upgraded_at_log_in(app, client, applicant):
    from anef.accounts.models import User
    from anef.extensions import db

    with app.app_context():
        user = db.session.get(User, applicant)
        user.password_hash = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4).hash(PASSWORD)
        db.session.commit()
    assert login(client, "usager@example.fr").status_code == 302
    with app.app_context():
        assert db.session.get(User, applicant).password_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")


def test_password_rules_are_length_and_common_words_not_composition():
    assert password_problem("abcdefghijk") == "too_short"
    assert password_problem("tout en minuscules sans chiffres") is None  # no composition rules
    assert password_problem("le petit chat gris dort sur le rebord de la fenêtre depuis ce matin") is None  # 64+
    for common in ("prefecture", "Prefecture!!", "motdepasse", "azertyuiop12"):
        assert password_problem(common + "xx" if len(common) < 12 else common) in {"common", "too_short"}
    assert password_problem("mei.zhang.secret", "mei.zhang@example.fr") == "contains_email"
