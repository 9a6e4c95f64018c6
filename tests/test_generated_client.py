"""A Python client generated from our OpenAPI document by openapi-python-client reads well and works: one module
per operation, named by its operationId, grouped by tag (an intranet developer's first try)."""
import importlib
import json
import subprocess
import sys

import httpx
import pytest

from .conftest import CONTRACT_SITUATION

PACKAGE = "regiewijzer_api_client"


@pytest.fixture(scope="module")
def generated(app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("client")
    (folder / "openapi.json").write_text(json.dumps(app.test_client().get("/api/v1/openapi.json").json))
    subprocess.run([sys.executable, "-m", "openapi_python_client", "generate", "--path", "openapi.json",
                    "--output-path", "gen", "--overwrite"], cwd=folder, check=True, capture_output=True)
    sys.path.insert(0, str(folder / "gen"))
    try:
        package = importlib.import_module(PACKAGE)
        client = package.Client(base_url="http://regiewijzer.test", raise_on_unexpected_status=True,
                                httpx_args={"transport": httpx.WSGITransport(app=app)})
        yield folder / "gen" / PACKAGE, client
    finally:
        sys.path.remove(str(folder / "gen"))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def test_operations_are_grouped_by_interface_and_named_by_what_they_do(generated):
    root, _ = generated
    modules = {p.parent.name: set() for p in (root / "api").glob("*/*.py")}
    for path in (root / "api").glob("*/*.py"):
        if path.stem != "__init__":
            modules[path.parent.name].add(path.stem)
    assert modules == {"advice": {"get_advice", "what_if", "get_report"},
                       "knowledge": {"list_facts", "list_knowledge", "list_glossary"},
                       "operations": {"get_openapi", "get_health", "get_ready", "get_metrics"}}


def test_the_generated_client_gets_advice_what_if_and_facts(generated):
    _, client = generated
    models = importlib.import_module(f"{PACKAGE}.models")
    get_advice = importlib.import_module(f"{PACKAGE}.api.advice.get_advice")
    what_if = importlib.import_module(f"{PACKAGE}.api.advice.what_if")
    list_facts = importlib.import_module(f"{PACKAGE}.api.knowledge.list_facts")
    request = models.AdviceRequest.from_dict({"situation": CONTRACT_SITUATION, "lang": "en"})
    advice = get_advice.sync(client=client, body=request)
    assert isinstance(advice, models.Advice) and advice.role.verdict.value == "marktsturing"
    assert [w.code.value for w in advice.warnings][:1] == ["REGIE_WITHOUT_POWER"]
    levers = what_if.sync(client=client, body=request)
    assert isinstance(levers, models.WhatIf) and any(lever.target == "role" for lever in levers.levers)
    facts = list_facts.sync(client=client, lang=models.ListFactsLang.EN)
    assert isinstance(facts, models.Facts) and "legal_power" in {fact.id for fact in facts.facts}
