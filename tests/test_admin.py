"""The admin reload action in process: the bearer token check, and what is reloaded or refused."""

import pytest

from regiewijzer.rules.errors import ConfigError
from regiewijzer.service import create_app
from regiewijzer.service.ops import security

from .conftest import TOKEN, first_rule, retitle_a_warning, unknown_fact, validator

RELOAD = "/api/v1/admin/reload"


def bearer(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


def version(client):
    return client.get("/api/v1/facts").json["knowledge_version"]


@pytest.fixture()
def served(knowledge_copy):
    """A test client of an app serving a copy of the knowledge base, and the copy's edit function."""
    root, edit = knowledge_copy
    app = create_app({"TESTING": True, "KNOWLEDGE_PATH": str(root), "ADMIN_TOKEN": TOKEN})
    return app.test_client(), edit


def test_without_a_configured_token_the_admin_action_does_not_exist():
    client = create_app({"TESTING": True, "ADMIN_TOKEN": ""}).test_client()
    assert client.post(RELOAD, headers=bearer()).status_code == 404
    assert client.get(RELOAD).status_code == 404


@pytest.mark.parametrize("token, says", [("short-token", "at least 32 characters"),
                                         ("a" * 16, "at least 32 characters"), ("a" * 40, "10 of them different"),
                                         ("ab" * 20, "10 of them different"), ("   ", "only whitespace"),
                                         ("\t\n", "only whitespace")])
@pytest.mark.parametrize("setting", ["ADMIN_TOKEN", "METRICS_TOKEN"])
def test_a_weak_or_blank_token_is_refused_at_start_naming_the_variable(setting, token, says):
    with pytest.raises(ConfigError, match=f"REGIEWIJZER_{setting}: the token") as refused:
        create_app({"TESTING": True, setting: token})
    assert says in str(refused.value) and "secrets.token_urlsafe" in str(refused.value)


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer ", f"Bearer {'w' * 30}",
                                           f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", f"Basic {TOKEN}", TOKEN])
def test_a_missing_or_wrong_token_gets_401_and_reloads_nothing(served, authorization):
    client, edit = served
    before = version(client)
    edit("warnings.yaml", retitle_a_warning)
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.post(RELOAD, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    assert response.json["error"] == "unauthorized" and response.json["field"] == "Authorization"
    assert version(client) == before


def test_the_token_is_compared_in_constant_time(monkeypatch):
    """Every header, however wrong, goes through hmac.compare_digest with the whole token."""
    compared = []

    def spy(given, expected):
        compared.append((given, expected))
        return given == expected
    monkeypatch.setattr(security.hmac, "compare_digest", spy)
    for header in (None, "Basic abc", "Bearer x", f"Bearer {TOKEN}"):
        security.token_matches(header, TOKEN)
    assert compared == [(b"", TOKEN.encode()), (b"", TOKEN.encode()), (b"x", TOKEN.encode()),
                        (TOKEN.encode(), TOKEN.encode())]


def test_the_right_token_reloads_the_edited_knowledge(served):
    client, edit = served
    before = version(client)
    edit("warnings.yaml", retitle_a_warning)
    response = client.post(RELOAD, headers=bearer())
    assert response.status_code == 200
    assert response.json["previous_version"] == before
    assert response.json["knowledge_version"] != before
    assert version(client) == response.json["knowledge_version"]
    advice = client.post("/api/v1/advice", json={"situation": {"legal_power": True}, "lang": "en"}).json
    assert advice["knowledge_version"] == response.json["knowledge_version"]


def test_a_broken_knowledge_base_is_refused_with_its_problems_and_the_old_one_keeps_serving(served):
    client, edit = served
    before = version(client)
    edit("rules/decide_role.yaml", unknown_fact)
    response = client.post(RELOAD, headers=bearer())
    assert response.status_code == 422
    assert response.json["error"] == "invalid_knowledge"
    assert response.json["knowledge_version"] == before
    problem = next(p for p in response.json["problems"] if "did you mean 'legal_power'" in p["message"])
    assert (problem["file"], problem["item"]) == ("rules/decide_role.yaml", "role_regie_by_legal_power")
    advice = client.post("/api/v1/advice", json={"situation": {"legal_power": True}})
    assert advice.status_code == 200 and advice.json["role"]["verdict"] == "regie"
    assert advice.json["knowledge_version"] == before


def test_a_knowledge_base_failing_the_whole_knowledge_checks_is_refused(served):
    client, edit = served
    edit("rules/decide_role.yaml", lambda data: first_rule(data, "role_regie_by_legal_power").update(
        when={"stakeholders_count": {"gt": 500}}))
    response = client.post(RELOAD, headers=bearer())
    assert response.status_code == 422
    assert any(p["item"] == "role_regie_by_legal_power" for p in response.json["problems"])


def test_get_is_not_allowed(served):
    client, _ = served
    assert client.get(RELOAD, headers=bearer()).status_code == 405


def test_a_body_is_refused_by_name(served):
    client, _ = served
    response = client.post(RELOAD, headers=bearer(), json={"path": "/etc"})
    assert response.status_code == 400 and response.json["field"] == "body"


@pytest.mark.parametrize("authorization, status, schema", [
    (None, 401, "Error"), (f"Bearer {TOKEN}", 400, "Error"), (f"Bearer {TOKEN}", 200, "Reloaded")])
def test_answers_follow_the_openapi_document(served, authorization, status, schema):
    client, _ = served
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"][RELOAD]["post"]
    assert operation["security"] == [{"adminToken": []}]
    assert document["components"]["securitySchemes"]["adminToken"]["scheme"] == "bearer"
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.post(RELOAD, headers=headers, data=b"x" if status == 400 else None)
    assert response.status_code == status
    validator(document, schema).validate(response.json)
    assert operation["responses"][str(status)]["content"]["application/json"]["schema"]["$ref"].endswith(schema)


def test_a_refusal_follows_the_openapi_document(served):
    client, edit = served
    edit("rules/decide_role.yaml", unknown_fact)
    response = client.post(RELOAD, headers=bearer())
    assert response.status_code == 422
    validator(client.get("/api/v1/openapi.json").json, "KnowledgeRefused").validate(response.json)


def test_a_file_that_is_not_utf8_is_refused_by_name(served, knowledge_copy):
    client, _ = served
    root, _ = knowledge_copy
    (root / "warnings.yaml").write_bytes(b"warnings: [\xff\xfe]\n")
    response = client.post(RELOAD, headers=bearer())
    assert response.status_code == 422
    assert {"file": "warnings.yaml", "item": "-", "message": "not UTF-8 text"} in response.json["problems"]
