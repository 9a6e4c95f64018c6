"""The JSON API: advice, vocabulary, knowledge, OpenAPI, health; and bad input answered with 400s."""
import io
import json

import pytest
from openapi_spec_validator import validate as validate_openapi

from .conftest import validator

SITUATION = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen",
             "regie_assigned": True, "cooperation_level": "overleg", "officer_mandate": "betwist",
             "subthemes_count": 3, "theme": "onthaal nieuwkomers"}


def test_openapi_document_is_valid_and_describes_every_endpoint(openapi):
    validate_openapi(openapi)
    assert set(openapi["paths"]) == {"/api/v1/advice", "/api/v1/what-if", "/api/v1/report", "/api/v1/facts",
                                     "/api/v1/knowledge", "/api/v1/glossary", "/api/v1/openapi.json", "/healthz",
                                     "/readyz", "/metrics"}
    assert set(openapi["components"]["schemas"]["Situation"]["properties"]) >= {"legal_power", "theme"}


def test_advice_follows_the_contract_and_its_schema(client, openapi):
    response = client.post("/api/v1/advice", json={"situation": SITUATION})
    assert response.status_code == 200
    advice = response.json
    validator(openapi, "Advice").validate(advice)
    assert advice["role"]["verdict"] == "marktsturing"
    assert advice["coordination"] == {**advice["coordination"], "stage": 2, "next_stage": 3}
    assert advice["procedure"]["scenario"] == 3
    assert {"REGIE_WITHOUT_POWER", "INTERNAL_REGIE_FIRST"} <= {w["code"] for w in advice["warnings"]}
    assert advice["lang"] == "nl" and advice["knowledge_version"].startswith("kb-")
    every_item = [i for k in ("role", "coordination", "strategy", "procedure", "positioning") for i in advice[k]["items"]]
    every_item += advice["dos"] + advice["donts"] + advice["examples"] + advice["warnings"]
    sources = advice["sources"]          # a focused answer gives each source once and refers to it by key
    assert every_item and all(sources[i["source"]]["document"].endswith(".txt") and i["rules"] for i in every_item)
    numbers = [step["step"] for step in advice["trace"]]        # a focused trace keeps the full trace's numbers
    assert numbers == sorted(set(numbers)) and numbers[0] >= 1


def test_advice_in_english_differs_only_in_text(client):
    nl = client.post("/api/v1/advice", json={"situation": SITUATION}).json
    en = client.post("/api/v1/advice", json={"situation": SITUATION, "lang": "en"}).json
    assert en["lang"] == "en" and en["role"]["verdict"] == nl["role"]["verdict"]
    assert en["warnings"][0]["code"] == nl["warnings"][0]["code"]
    assert en["warnings"][0]["text"] != nl["warnings"][0]["text"]


def test_empty_request_gives_conditional_advice(client):
    advice = client.post("/api/v1/advice", json={}).json
    assert advice["role"]["verdict"] == "onbepaald"
    assert advice["questions"][0] == "policy_domains"          # a trainer's order: the domains, the need, then
    assert advice["questions"][5:8] == ["legal_power", "financial_flows", "advisory_right"]   # the instruments


def test_facts_vocabulary_in_each_language(client, openapi):
    for lang in ("nl", "en"):
        body = client.get(f"/api/v1/facts?lang={lang}").json
        validator(openapi, "Facts").validate(body)
        legal = next(f for f in body["facts"] if f["id"] == "legal_power")
        assert legal["question"] and legal["help"] and legal["source"]["section"]
        role = next(v for v in body["verdicts"] if v["field"] == "role")
        assert [v["id"] for v in role["values"]] == ["regie", "marktsturing", "netwerkcoordinatie", "onbepaald", "gemengd"]
    nl = client.get("/api/v1/facts").json
    en = client.get("/api/v1/facts?lang=en").json
    assert nl["facts"][0]["question"] != en["facts"][0]["question"]


def test_the_vocabulary_says_who_can_change_each_fact_and_in_which_stage_it_is_asked(client):
    body = client.get("/api/v1/facts?lang=en").json
    facts = {f["id"]: f for f in body["facts"]}
    assert (facts["advisory_right"]["changed_by"], facts["advisory_right"]["lever"]) == ("higher_government", False)
    assert (facts["legal_power"]["changed_by"], facts["legal_power"]["lever"]) == ("higher_government", False)
    assert (facts["financial_flows"]["changed_by"], facts["financial_flows"]["lever"]) == ("bestuur", True)
    assert (facts["neighbours_same_time"]["changed_by"], facts["neighbours_same_time"]["lever"]) == ("circumstance", False)
    stages = body["question_order"]
    assert [s["id"] for s in stages][:3] == ["domains", "need", "instruments"] and stages[0]["label"] == "Policy domains"
    assert sorted(f for s in stages for f in s["facts"]) == sorted(facts)        # every fact asked in one stage


def test_knowledge_listing_filters_by_kind_and_document(client, openapi):
    everything = client.get("/api/v1/knowledge").json
    validator(openapi, "Knowledge").validate(everything)
    dos = client.get("/api/v1/knowledge?kind=do").json["items"]
    assert dos and all(i["kind"] == "do" for i in dos)
    tips = client.get("/api/v1/knowledge?document=003&lang=en").json["items"]
    assert tips and all(i["source"]["document_id"] == "003" for i in tips)
    examples = client.get("/api/v1/knowledge?kind=example").json["items"]
    assert len(examples) >= 15 and all("situation" in e for e in examples)
    assert everything["count"] == len(everything["items"]) > len(dos) + len(examples)


def test_health_and_readiness(client, openapi):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz").json
    validator(openapi, "Status").validate(ready)
    assert ready["status"] == "ready" and ready["knowledge_version"].startswith("kb-")


def post(client, body=None, raw=None, content_type="application/json"):
    data = raw if raw is not None else json.dumps(body)
    return client.post("/api/v1/advice", data=data, content_type=content_type)


BAD_ADVICE_REQUESTS = [
    ("unknown fact id", {"situation": {"legal_powr": True}}, 400, "situation.legal_powr", "did you mean 'legal_power'"),
    ("bool as string", {"situation": {"legal_power": "true"}}, 400, "situation.legal_power", "true, false or null"),
    ("bool as number", {"situation": {"silos": 1}}, 400, "situation.silos", "true, false or null"),
    ("enum value outside", {"situation": {"financial_flows": "veel"}}, 400, "situation.financial_flows", "one of geen, stimulans, wezenlijk"),
    ("count below range", {"situation": {"stakeholders_count": -1}}, 400, "situation.stakeholders_count", "from 0 to 500"),
    ("count above range", {"situation": {"subthemes_count": 51}}, 400, "situation.subthemes_count", "from 0 to 50"),
    ("count as float", {"situation": {"stakeholders_count": 2.5}}, 400, "situation.stakeholders_count", "whole number"),
    ("count as string", {"situation": {"stakeholders_count": "7"}}, 400, "situation.stakeholders_count", "whole number"),
    ("list with unknown value", {"situation": {"policy_domains": ["ruimtevaart"]}}, 400, "situation.policy_domains", "a list of integratie"),
    ("list not a list", {"situation": {"policy_domains": "werk"}}, 400, "situation.policy_domains", "a list of"),
    ("list repeating a value", {"situation": {"policy_domains": ["werk", "werk"]}}, 400, "situation.policy_domains", "twice"),
    ("theme too long", {"situation": {"theme": "x" * 201}}, 400, "situation.theme", "at most 200 characters"),
    ("situation not an object", {"situation": [1, 2]}, 400, "situation", "must be an object"),
    ("unknown lang", {"situation": {}, "lang": "fr"}, 400, "lang", "unknown language"),
    ("unknown top-level field", {"situaton": {}}, 400, "situaton", "unknown field"),
    ("unknown policy domain in domains", {"situation": {"domains": {"ruimtevaart": {}}}}, 400,
     "situation.domains.ruimtevaart", "unknown policy domain"),
    ("fact not given per domain", {"situation": {"domains": {"wonen": {"silos": True}}}}, 400,
     "situation.domains.wonen.silos", "per domain are: legal_power, financial_flows"),
    ("unknown fact in a domain", {"situation": {"domains": {"wonen": {"legal_powr": True}}}}, 400,
     "situation.domains.wonen.legal_powr", "is not a fact"),
    ("wrong value in a domain", {"situation": {"domains": {"wonen": {"financial_flows": "veel"}}}}, 400,
     "situation.domains.wonen.financial_flows", "one of geen, stimulans, wezenlijk"),
    ("domains not an object", {"situation": {"domains": ["wonen"]}}, 400, "situation.domains", "must be an object"),
    ("a domain not an object", {"situation": {"domains": {"wonen": True}}}, 400, "situation.domains.wonen",
     "must be an object"),
]


@pytest.mark.parametrize("case, body, status, field, message", BAD_ADVICE_REQUESTS,
                         ids=[c[0] for c in BAD_ADVICE_REQUESTS])
def test_bad_advice_request_names_field_and_allowed(client, openapi, case, body, status, field, message):
    response = post(client, body)
    assert response.status_code == status
    validator(openapi, "Error").validate(response.json)
    assert response.json["field"] == field
    assert message in response.json["message"]
    assert "allowed" in response.json


BAD_TRANSPORT = [
    ("non-JSON body", dict(raw="{not json"), 400, "body"),
    ("JSON that is no object", dict(raw="[1]"), 400, "body"),
    ("JSON nested too deep", dict(raw="[" * 30_000 + "]" * 30_000), 400, "body"),
    ("body that is not UTF-8", dict(raw=b"\xff\xfe\xfa"), 400, "body"),
    ("lone surrogate in a string", dict(raw='{"situation": {"theme": "\\ud800"}}'), 200, None),
    ("wrong content type", dict(raw="legal_power=1", content_type="application/x-www-form-urlencoded"), 415, "Content-Type"),
    ("body over 64 KiB", dict(raw=json.dumps({"situation": {"theme": "x" * 70_000}})), 413, "body"),
    ("fact given twice", dict(raw='{"situation": {"silos": true, "silos": false}}'), 400, "situation.silos"),
    ("field given twice", dict(raw='{"situation": {}, "lang": "nl", "lang": "en"}'), 400, "lang"),
    ("NaN", dict(raw='{"situation": {"stakeholders_count": NaN}}'), 400, "situation.stakeholders_count"),
    ("-Infinity", dict(raw='{"situation": {"theme": "x", "subthemes_count": -Infinity}}'), 400,
     "situation.subthemes_count"),
    ("a number too large to be finite", dict(raw='{"situation": {"stakeholders_count": 1e999}}'), 400,
     "situation.stakeholders_count"),
]


@pytest.mark.parametrize("case, kwargs, status, field", BAD_TRANSPORT, ids=[c[0] for c in BAD_TRANSPORT])
def test_bad_transport_gets_a_json_error(client, case, kwargs, status, field):
    response = post(client, **kwargs)
    assert response.status_code == status
    if status != 200:
        assert response.json["field"] == field and response.json["message"]


def test_duplicate_keys_and_non_finite_numbers_are_named_in_the_message(client):
    twice = post(client, raw='{"situation": {"silos": true, "silos": false}}').json
    assert "'silos' is given twice" in twice["message"] and twice["allowed"] == ["each key once"]
    nan = post(client, raw='{"situation": {"stakeholders_count": NaN}}').json
    assert "is NaN" in nan["message"] and "finite" in nan["message"]


def chunked_post(client, body):
    """A body without Content-Length, as a chunked one reaches the app (the server ends the stream)."""
    return client.post("/api/v1/advice", content_type="application/json",
                       environ_overrides={"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True})


def test_a_chunked_body_over_64_kib_gets_413_and_one_within_is_read_whole(client):
    limit = 64 * 1024
    over = b'{"situation": {}' + b" " * limit + b"}"
    response = chunked_post(client, over)
    assert response.status_code == 413 and response.json["field"] == "body"
    within = json.dumps({"situation": {"legal_power": True}}).encode()
    within += b" " * (limit - len(within))
    assert len(within) == limit
    response = chunked_post(client, within)
    assert response.status_code == 200 and response.json["role"]["verdict"] == "regie"


BAD_QUERIES = [
    ("/api/v1/facts?lang=de", "lang"),
    ("/api/v1/facts?language=en", "language"),
    ("/api/v1/knowledge?kind=recipe", "kind"),
    ("/api/v1/knowledge?document=999", "document"),
]


@pytest.mark.parametrize("url, field", BAD_QUERIES)
def test_bad_query_parameter_names_the_parameter(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json["field"] == field and response.json["allowed"]


def test_unknown_path_and_method_get_json_errors(client):
    assert client.get("/api/v1/nothing").json["error"] == "not_found"
    response = client.get("/api/v1/advice")
    assert response.status_code == 405 and response.json["error"] == "method_not_allowed"


def test_the_glossary_explains_the_dutch_terms_the_english_texts_keep(client, openapi, knowledge):
    body = client.get("/api/v1/glossary?lang=en").json
    validator(openapi, "Glossary").validate(body)
    terms = {t["id"]: t for t in body["terms"]}
    assert {"bestuur", "schepen", "regie", "ocmw"} <= set(terms) == set(knowledge.glossary)
    assert terms["regie"]["term"].startswith("regie (") and terms["regie"]["source"]["section"] == "2.1"
    assert client.get("/api/v1/glossary?lang=fr").status_code == 400


def test_practice_cases_come_with_their_exercise(client, knowledge, openapi):
    for lang in ("nl", "en"):
        body = client.get(f"/api/v1/knowledge?kind=example&lang={lang}").json
        validator(openapi, "Knowledge").validate(body)
        for served in body["items"]:
            case = knowledge.examples[served["id"]]
            assert served["training_situation"] == case.training_situation
            assert served["assumptions"] == (case.assumptions[lang] if case.assumptions else None)
            assert served["teaches"] == case.teaches
            assert [s["section"] for s in served["see_also"]] == [ref.section for ref in case.see_also]
    assumed = next(e for e in body["items"] if e["assumptions"])
    advice = client.post("/api/v1/advice", json={"situation": assumed["training_situation"]}).json
    verdicts = {"role": advice["role"]["verdict"], "stage": advice["coordination"]["stage"],
                "scope": advice["strategy"]["scope"], "focus": advice["strategy"]["focus"],
                "scenario": advice["procedure"]["scenario"]}
    assert assumed["teaches"] and all(verdicts[f] == v for f, v in assumed["teaches"].items())
