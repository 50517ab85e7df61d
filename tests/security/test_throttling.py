"""Log-in, sign-up, reset and verification are throttled, alike for known and unknown addresses."""
from conftest import PASSWORD


def attempts(client, url, data, count):
    return [client.post(url, data=data) for _ in range(count)]


def test_log_in_is_throttled_per_address_with_retry_after(client, applicant):
    responses = attempts(client, "/compte/connexion", {"email": "usager@example.fr", "password": "wrong password!"}, 6)
    assert [r.status_code for r in responses] == [401] * 5 + [429]
    assert int(responses[-1].headers["Retry-After"]) > 0
    assert "Trop de tentatives" in responses[-1].get_data(as_text=True)
    # Even the right password waits: the address is under attack.
    assert client.post("/compte/connexion", data={"email": "usager@example.fr", "password": PASSWORD}).status_code == 429


def test_unknown_addresses_are_throttled_the_same_way(client):
    responses = attempts(client, "/compte/connexion", {"email": "personne@example.fr", "password": "wrong password!"}, 6)
    assert [r.status_code for r in responses] == [401] * 5 + [429]


def test_spreading_over_addresses_hits_the_per_ip_limit(client):
    codes = [client.post("/compte/connexion", data={"email": f"p{i}@example.fr", "password": "x" * 12}).status_code
             for i in range(21)]
    assert codes[:20] == [401] * 20 and codes[20] == 429


def test_reset_requests_are_throttled(client, applicant):
    codes = [r.status_code for r in attempts(client, "/compte/mot-de-passe-oublie", {"email": "usager@example.fr"}, 6)]
    assert codes == [200] * 5 + [429]


def test_verification_links_are_throttled(client):
    codes = [client.get("/compte/confirmation/not-a-token").status_code for _ in range(31)]
    assert codes[:30] == [400] * 30 and codes[30] == 429
