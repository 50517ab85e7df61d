"""A realistic national data set, written fast with PostgreSQL's COPY (never ORM objects one by one).

``seed(url, dossiers)`` fills a migrated, empty database: applicants (some with two dossiers), dossiers of
the étudiant procedure in every state with complete answers (varied names, passports, numéros étrangers,
addresses in every département), their history (transitions), documents and pages (all pointing to one
stored PDF), complement requests, and agents of every préfecture (instructeurs, valideurs, a local admin)
who share one known TOTP secret. Later tables (messages, attestations) have their own seed functions, run
only when their tables exist.

Every account's password is :data:`PASSWORD`; the load generator logs in with it.
"""
from __future__ import annotations

import datetime as dt
import json
import random
import time

PASSWORD = "bench-anef-2026!"
# The agents' TOTP secret (base32): the load generator computes their codes.
TOTP_SECRET = "KRUGKIDCMVXGG2BAONSWG4TFOQQGC3TF"
AGENTS_PER_SERVICE = (("instructeur", 6), ("valideur", 2), ("admin", 1))
# Share of dossiers per state (per mille), as a live service has them over a year.
STATE_SHARES = (("brouillon", 100), ("depose", 170), ("en_instruction", 220), ("complement_demande", 70),
                ("decision_proposee", 40), ("accepte", 180), ("refuse", 50), ("classe_sans_suite", 40),
                ("titre_remis", 130))
PATHS = {
    "brouillon": (),
    "depose": ("submit",),
    "en_instruction": ("submit", "take"),
    "complement_demande": ("submit", "take", "request_complement"),
    "decision_proposee": ("submit", "take", "propose_decision"),
    "accepte": ("submit", "take", "accept"),
    "refuse": ("submit", "take", "propose_decision", "refuse"),
    "classe_sans_suite": ("submit", "withdraw"),
    "titre_remis": ("submit", "take", "accept", "hand_over"),
}
TARGETS = {"submit": "depose", "take": "en_instruction", "request_complement": "complement_demande",
           "propose_decision": "decision_proposee", "accept": "accepte", "refuse": "refuse",
           "withdraw": "classe_sans_suite", "hand_over": "titre_remis"}
REASONS = {"request_complement": "Le certificat d'inscription fourni est provisoire : envoyez le définitif.",
           "propose_decision": "Ressources insuffisantes sur la période.",
           "refuse": "Ressources insuffisantes sur la période."}
GIVEN = ("Mei", "Youssef", "Amina", "Lucas", "Fatou", "Ivan", "Sofia", "Karim", "Aïcha", "Wei", "Priya", "Mateo",
         "Olga", "Moussa", "Lina", "Arjun", "Hana", "Ali", "Camila", "Nguyen", "Samir", "Chloé", "Diego", "Zeynep",
         "Kofi", "Anh", "Rania", "Tomás", "Leila", "Yuki", "Oumar", "Sara", "Daniel", "Inès", "Hamza", "Ana")
FAMILY = ("ZHANG", "BENALI", "DIALLO", "SILVA", "KOWALSKI", "NGUYEN", "TRAORÉ", "HADDAD", "PETROV", "GARCIA",
          "KUMAR", "YILMAZ", "OKAFOR", "ROSSI", "CHEN", "MENSAH", "IVANOVA", "HOSSAIN", "MARTINEZ", "SATO",
          "BOUZID", "NDIAYE", "ALMEIDA", "MÜLLER", "PHAM", "SHARMA", "KONATÉ", "CHERIF", "LOPEZ", "KIM", "WANG",
          "OUEDRAOGO", "RAHMAN", "SANTOS", "FERREIRA", "MOREAU", "HASSAN", "LIU", "TAHIRI", "SOW", "CAMARA", "NOVAK")
COUNTRIES = (("Chine", "chinoise"), ("Maroc", "marocaine"), ("Algérie", "algérienne"), ("Sénégal", "sénégalaise"),
             ("Inde", "indienne"), ("Brésil", "brésilienne"), ("Tunisie", "tunisienne"), ("Viêt Nam", "vietnamienne"),
             ("Côte d'Ivoire", "ivoirienne"), ("Liban", "libanaise"), ("Turquie", "turque"), ("Colombie", "colombienne"))
SCHOOLS = ("Sorbonne Université", "Université Lyon 1", "Aix-Marseille Université", "Université de Strasbourg",
           "Université de Bordeaux", "Université Grenoble Alpes", "Université de Lille", "Université de Rennes")
DOCUMENT_KINDS = ("passeport", "visa", "justificatif_domicile", "inscription", "ressources")


def _departement_weights():
    """Every département, weighted roughly by its share of foreign residents (Paris and its suburbs first)."""
    from anef.territories import DEPARTEMENTS

    heavy = {"75": 40, "93": 25, "92": 15, "94": 15, "95": 10, "91": 8, "78": 8, "77": 8, "69": 15, "13": 15,
             "06": 10, "59": 10, "31": 8, "33": 7, "67": 7, "34": 6, "38": 6, "44": 5}
    return [(code, heavy.get(code, 1)) for code, _name, _city in DEPARTEMENTS]


def _postcode(departement: str, rng: random.Random) -> str:
    if departement == "2A":
        return "20000"
    if departement == "2B":
        return "20200"
    if len(departement) == 3:  # overseas: 97100, 97200…
        return departement + "00"
    return f"{departement}{rng.randrange(0, 10)}{rng.randrange(0, 10)}0"


def _answers(i: int, rng: random.Random, postcode: str, today: dt.date, state: str) -> dict:
    """Complete answers of the étudiant procedure, different for every dossier."""
    country, nationality = COUNTRIES[i % len(COUNTRIES)]
    renewal = i % 10 < 3
    answers = {
        "situation": {"demande": "renouvellement" if renewal else "premiere"},
        "identite": {"nom": FAMILY[(i * 7) % len(FAMILY)], "prenoms": GIVEN[(i * 11) % len(GIVEN)],
                     "sexe": "FM"[i % 2], "date_naissance": f"{1995 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     "lieu_naissance": "Ville natale", "pays_naissance": country, "nationalite": nationality,
                     "telephone": f"06 {i % 100:02d} {(i // 100) % 100:02d} {(i // 10000) % 100:02d} 00"},
        # Letters then digits, unique per dossier: agents search by it.
        "passeport": {"numero": f"{chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}{i:08d}", "pays_delivrance": country,
                      "date_delivrance": "2021-06-01",
                      "date_expiration": (today + dt.timedelta(days=900 + i % 1000)).isoformat()},
        "adresse": {"adresse": f"{1 + i % 150} rue de la République", "code_postal": postcode,
                    "commune": "Commune", "hebergement": ("residence", "personnel", "heberge")[i % 3]},
        "etudes": {"etablissement": SCHOOLS[i % len(SCHOOLS)], "formation": "Master", "niveau": "M1",
                   "date_debut": (today - dt.timedelta(days=30)).isoformat(),
                   "date_fin": (today + dt.timedelta(days=250)).isoformat()},
        "ressources": {"source": "bourse", "montant_mensuel": str(650 + i % 600)},
        "timbre": {"numero_timbre": f"{i:016d}"},
    }
    if renewal:
        answers["titre"] = {"numero_etranger": f"{i:010d}", "titre_type": "carte_etudiant",
                            "titre_expiration": (today + dt.timedelta(days=rng.randrange(-30, 120))).isoformat()}
        answers["parcours"] = {"redoublement": "non", "changement": "non"}
    else:
        entry = today - dt.timedelta(days=20 + i % 200)
        answers["entree"] = {"visa_numero": f"FRA{i:09d}", "visa_type": "long_sejour_temporaire",
                             "visa_debut": (entry - dt.timedelta(days=5)).isoformat(),
                             "visa_fin": (entry + dt.timedelta(days=80)).isoformat(), "date_entree": entry.isoformat()}
    if state == "brouillon" and i % 2:
        # Half the drafts are still being typed.
        for slug in ("etudes", "ressources", "timbre"):
            answers.pop(slug)
    return answers


def _state(i: int) -> str:
    bucket = (i * 7919) % 1000
    for state, share in STATE_SHARES:
        if bucket < share:
            return state
        bucket -= share
    return STATE_SHARES[-1][0]


def _copy(conn, table: str, columns: tuple[str, ...], rows) -> int:
    count = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _stored_files(conn, storage_path: str, applicants: int) -> int:
    """A stored file per applicant (people's scans are their own: the fraud signal « same file in another
    person's dossier » must find nothing, as in life); returns the first one's id, applicant ``a`` has
    ``first + a``. Their content is one PDF written once on disk; the rows carry each a hash of their own, so
    a seeded document cannot be downloaded (no scenario does; the bench's uploads are real files)."""
    import hashlib

    from anef.demo import minimal_pdf

    data = minimal_pdf()
    place_pdf(storage_path, data)
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM stored_files").fetchone()[0]
    now = dt.datetime.now(dt.timezone.utc)
    _copy(conn, "stored_files", ("id", "sha256", "size", "content_type", "pages", "created_at"),
          ((first + a, hashlib.sha256(b"anef-bench-file-%d" % a).hexdigest(), len(data), "application/pdf", 1, now)
           for a in range(applicants)))
    return first


def place_pdf(storage_path: str, data: bytes | None = None) -> None:
    """Write the seeded PDF where the local storage expects it (each run: the folder is not cached)."""
    import hashlib
    import io

    from anef.demo import minimal_pdf
    from anef.documents.storage import LocalStorage

    data = data or minimal_pdf()
    storage = LocalStorage(storage_path)
    if not storage.exists(hashlib.sha256(data).hexdigest()):
        storage.put(io.BytesIO(data), len(data) + 1)


def seed(url: str, dossiers: int, storage_path: str, log=print) -> dict:
    """Fill the migrated database at ``url`` with ``dossiers`` dossiers and everything around them."""
    import psycopg
    from argon2 import PasswordHasher

    from anef.accounts.services import _hasher
    from anef.dossiers.services import make_reference

    assert isinstance(_hasher, PasswordHasher)
    rng = random.Random(2026)
    now = dt.datetime.now(dt.timezone.utc)
    today = now.date()
    password_hash = _hasher.hash(PASSWORD)
    applicants = max(10, int(dossiers * 0.85))
    started = time.perf_counter()
    with psycopg.connect(url) as conn:
        services = dict(conn.execute("SELECT code, id FROM services").fetchall())
        weights = [(services[f"pref-{code}"], code, weight) for code, weight in _departement_weights()
                   if f"pref-{code}" in services]
        pool = [(sid, code) for sid, code, weight in weights for _ in range(weight)]
        # Agents of every préfecture, then applicants: ids are given here so that rows can refer to them.
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM users").fetchone()[0]
        agent_rows = []
        agents_of = {}
        next_id = first_id
        for code, sid in sorted(services.items()):
            for role, count in AGENTS_PER_SERVICE:
                for n in range(count):
                    agent_rows.append((next_id, f"{role}{n}.{code}@bench.anef.fr", password_hash, role, sid,
                                       GIVEN[next_id % len(GIVEN)], FAMILY[next_id % len(FAMILY)], "fr", now, True,
                                       1, TOTP_SECRET, now, 0, now))
                    agents_of.setdefault(sid, []).append(next_id)
                    next_id += 1
        columns = ("id", "email", "password_hash", "role", "service_id", "given_names", "family_name", "locale",
                   "email_verified_at", "active", "session_version", "totp_secret", "totp_confirmed_at",
                   "totp_last_step", "created_at")
        _copy(conn, "users", columns, agent_rows)
        applicant_base = next_id

        def applicant_rows():
            for a in range(applicants):
                yield (applicant_base + a, f"u{a}@bench.anef.fr", password_hash, "applicant", None,
                       GIVEN[(a * 11) % len(GIVEN)], FAMILY[(a * 7) % len(FAMILY)].title(), "fr", now, True, 1,
                       None, None, 0, now - dt.timedelta(days=a % 700))

        _copy(conn, "users", columns, applicant_rows())
        log(f"  users: {len(agent_rows)} agents, {applicants} applicants ({time.perf_counter() - started:.0f} s)")
        first_file = _stored_files(conn, storage_path, applicants)
        first_dossier = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM dossiers").fetchone()[0]
        second_owner = dossiers - applicants  # dossiers [applicants, dossiers) belong to a second-time applicant

        def plan(i):
            """(state, service id, département) of dossier i."""
            state = _state(i)
            if i < second_owner and i % 3 == 0:
                # These applicants have a filed dossier and a draft: the load generator uses them.
                state = "en_instruction" if state == "brouillon" else state
            if applicants <= i and (i - applicants) % 3 == 0:
                state = "brouillon"
            sid, code = pool[(i * 2654435761) % len(pool)]
            return state, sid, code

        transitions, documents, pages, complements = [], [], [], []
        # Complement requests have a table of their own since migration 0008 (the complements work).
        has_complements = {"dossier_id", "asked_by_id", "asked_at", "deadline", "message", "base_version"} <= \
            _columns(conn, "complement_requests")

        def dossier_rows(begin, end):
            for i in range(begin, end):
                state, sid, code = plan(i)
                year, number = 2025 + i // 999_999, i % 999_999 + 1
                created = now - dt.timedelta(minutes=(dossiers - i) * 400_000 // max(dossiers, 1) + 30)
                filed = None if state == "brouillon" else created + dt.timedelta(hours=2)
                decided = filed + dt.timedelta(days=20) if state in ("accepte", "refuse", "titre_remis") else None
                answers = _answers(i, rng, _postcode(code, rng), today, state)
                agents = agents_of[sid]
                assigned = agents[i % 6] if state not in ("brouillon", "depose") else None
                dossier_id = first_dossier + i
                owner = applicant_base + (i % applicants)
                complement = state == "complement_demande"
                row = {"id": dossier_id, "reference": make_reference(year, number), "procedure": "etudiant",
                       "applicant_id": owner, "service_id": None if state == "brouillon" else sid,
                       "assigned_agent_id": assigned, "state": state,
                       "answers": json.dumps(answers, ensure_ascii=False), "created_at": created,
                       "updated_at": filed or created, "filed_at": filed, "decided_at": decided,
                       "complement_message": REASONS["request_complement"] if complement else None,
                       "complement_documents": json.dumps(["inscription"] if complement else []),
                       "complement_deadline": today + dt.timedelta(days=20) if complement else None,
                       "proposed_decision": "refuse" if state == "decision_proposee" else None,
                       "proposed_motivation": REASONS["propose_decision"] if state == "decision_proposee" else None,
                       "proposed_by_id": agents[0] if state == "decision_proposee" else None,
                       "decision_motivation": REASONS["refuse"] if state == "refuse" else None, "version": 1,
                       # What the hook rights_expiry records at filing: the card renewed, else the visa's end.
                       "rights_expire_on": None if state == "brouillon" else
                       (answers.get("titre") or {}).get("titre_expiration")
                       or (answers.get("entree") or {}).get("visa_fin"),
                       "complete_at": filed}
                yield tuple(row[c] for c in columns)
                at = filed
                previous = "brouillon"
                for action in PATHS[state]:
                    transitions.append((dossier_id, action, previous, TARGETS[action],
                                        owner if action in ("submit", "withdraw") else assigned,
                                        REASONS.get(action), at))
                    previous = TARGETS[action]
                    at = at + dt.timedelta(days=3)
                if state == "complement_demande":
                    complements.append((dossier_id, assigned, filed + dt.timedelta(days=6),
                                        today + dt.timedelta(days=20), REASONS["request_complement"], 1))
                kinds = DOCUMENT_KINDS if state != "brouillon" else DOCUMENT_KINDS[:2]
                file_id = first_file + owner - applicant_base
                for kind in kinds:
                    documents.append((dossier_id, kind, file_id, f"{kind}.pdf", "pret", owner, created))

        def flush_children():
            _copy(conn, "transitions", ("dossier_id", "action", "from_state", "to_state", "actor_id", "reason", "at"),
                  transitions)
            transitions.clear()
            if complements and has_complements:
                _copy(conn, "complement_requests",
                      ("dossier_id", "asked_by_id", "asked_at", "deadline", "message", "base_version"), complements)
                complements.clear()
            start = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
            _copy(conn, "documents", ("id", "dossier_id", "kind", "file_id", "filename", "status", "uploaded_by_id",
                                      "uploaded_at"),
                  ((start + n, *row) for n, row in enumerate(documents)))
            pages.extend((start + n, 1, row[2], row[3], "pret", row[6]) for n, row in enumerate(documents))
            documents.clear()
            _copy(conn, "document_pages", ("document_id", "position", "file_id", "filename", "status", "created_at"),
                  pages)
            pages.clear()

        # The columns this schema has (others' migrations move columns around: the seed follows).
        existing = _columns(conn, "dossiers")
        columns = tuple(c for c in ("id", "reference", "procedure", "applicant_id", "service_id", "assigned_agent_id",
                                    "state", "answers", "created_at", "updated_at", "filed_at", "decided_at",
                                    "complement_message", "complement_documents", "complement_deadline",
                                    "proposed_decision", "proposed_motivation", "proposed_by_id",
                                    "decision_motivation", "version", "rights_expire_on", "complete_at")
                        if c in existing)
        # By chunks: a chunk of dossiers, then their children (one COPY at a time on a connection).
        for begin in range(0, dossiers, 50_000):
            _copy(conn, "dossiers", columns, dossier_rows(begin, min(dossiers, begin + 50_000)))
            flush_children()
            if begin and begin % 200_000 == 0:
                log(f"    {begin} dossiers ({time.perf_counter() - started:.0f} s)")
        log(f"  dossiers, history, documents ({time.perf_counter() - started:.0f} s)")
        for table in ("users", "dossiers", "transitions", "documents", "document_pages", "stored_files",
                      *(("complement_requests",) if has_complements else ())):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608 (fixed names)
                         f"(SELECT coalesce(max(id), 1) FROM {table}))")
        conn.commit()
        for extra in (seed_messages, seed_attestations):
            extra(conn, log)
        conn.commit()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    log(f"  vacuum analyze done ({time.perf_counter() - started:.0f} s)")
    return {"dossiers": dossiers, "applicants": applicants, "seconds": round(time.perf_counter() - started, 1)}


def _table_exists(conn, table: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"public.{table}",)).fetchone()[0]


def _columns(conn, table: str) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s",
        (table,)).fetchall()}


def seed_messages(conn, log=print) -> bool:
    """Threads on a third of the filed dossiers: the applicant's question, the service's answer (read)."""
    if not _table_exists(conn, "messages"):
        log("  messages: no table yet (migration 0010), not seeded")
        return False
    needed = {"dossier_id", "author_id", "from_service", "body", "created_at", "read_at"}
    if not needed <= _columns(conn, "messages"):
        log(f"  messages: table has {sorted(_columns(conn, 'messages'))}; seed not written for it")
        return False
    conn.execute("""
        INSERT INTO messages (dossier_id, author_id, from_service, body, created_at, read_at)
        SELECT d.id, d.applicant_id, false, 'Bonjour, où en est ma demande ? Merci.',
               d.filed_at + interval '5 days', d.filed_at + interval '6 days'
        FROM dossiers d WHERE d.state <> 'brouillon' AND d.id % 3 = 0""")
    conn.execute("""
        INSERT INTO messages (dossier_id, author_id, from_service, body, created_at, read_at)
        SELECT d.id, d.assigned_agent_id, true, 'Bonjour, votre dossier est en cours d''instruction.',
               d.filed_at + interval '6 days', CASE WHEN d.id % 2 = 0 THEN d.filed_at + interval '7 days' END
        FROM dossiers d WHERE d.state <> 'brouillon' AND d.id % 3 = 0 AND d.assigned_agent_id IS NOT NULL""")
    log("  messages: a question and its answer on a third of the filed dossiers")
    return True


def bench_signing_key_pem() -> str:
    """The attestation signing key of the bench (Ed25519, fixed): seeded tokens stay valid across runs."""
    import hashlib

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"anef-bench-attestations").digest())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def seed_attestations(conn, log=print) -> bool:
    """Signed attestations de dépôt for one filed dossier in five (the public verification reads them by token).

    Tokens are signed like the application signs them (its payload and token functions), with
    :func:`bench_signing_key_pem`, which the bench gives its servers.
    """
    if not _table_exists(conn, "attestations"):
        log("  attestations: no table yet (migration 0011), not seeded")
        return False
    try:
        from cryptography.hazmat.primitives import serialization

        from anef.attestations import services, signing
        from anef.attestations.models import CURRENT, DEPOT, Attestation
    except ImportError as exc:
        log(f"  attestations: not seeded ({exc})")
        return False
    key = serialization.load_pem_private_key(bench_signing_key_pem().encode(), password=None)
    kid = signing.key_id(key.public_key())

    def sign(payload: dict) -> str:
        body = json.dumps({"v": signing.TOKEN_VERSION, "k": kid, **payload}, ensure_ascii=False,
                          separators=(",", ":"))
        first = signing.b64encode(body.encode("utf-8"))
        return first + "." + signing.b64encode(key.sign(first.encode("ascii")))

    rows = conn.execute("""
        SELECT id, answers->'identite'->>'nom', answers->'identite'->>'prenoms', answers->'identite'->>'date_naissance',
               filed_at FROM dossiers WHERE state <> 'brouillon' AND id % 5 = 0""").fetchall()

    def attestation_rows():
        for dossier_id, family, given, born, filed in rows:
            born_on = dt.date.fromisoformat(born) if born else None
            attestation = Attestation(code=services.new_code(), kind=DEPOT, holder_name=f"{given} {family}",
                                      holder_birth_date=born_on, valid_from=filed.date(), valid_until=None,
                                      authorises_work=False)
            yield (attestation.code, dossier_id, DEPOT, CURRENT, filed, filed.date(), None, attestation.holder_name,
                   born_on, False, sign(services._payload(attestation)))

    count = _copy(conn, "attestations", ("code", "dossier_id", "kind", "status", "issued_at", "valid_from",
                                         "valid_until", "holder_name", "holder_birth_date", "authorises_work",
                                         "token"), attestation_rows())
    conn.execute("SELECT setval(pg_get_serial_sequence('attestations', 'id'), "
                 "(SELECT coalesce(max(id), 1) FROM attestations))")
    log(f"  attestations: {count} signed attestations de dépôt")
    return True
