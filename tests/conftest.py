"""Shared fixtures and helpers of the tests."""
import os
import secrets
import shutil
import socket
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from regiewijzer.rules import default_advisor
from regiewijzer.service import create_app

REPO = Path(__file__).resolve().parent.parent
TOKEN = secrets.token_urlsafe(24)       # an admin token made at run time: no token-like text in the repository
# A situation of the advice contract (docs/contract.md §4.1, §4.2): instruments too weak for regie, regie assigned,
# cooperation at the consultation stage, a contested mandate.
CONTRACT_SITUATION = {"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen",
                      "regie_assigned": True, "cooperation_level": "overleg", "officer_mandate": "betwist"}
SEEDS = Path(os.environ.get("REGIEWIJZER_SEEDS") or REPO.parent / "shared" / "seeds")


@pytest.fixture(scope="session")
def seeds():
    """The folder of the five source texts; absent: a skip saying how to get them (a failure under CI)."""
    if not (SEEDS.is_dir() and any(SEEDS.glob("*.txt"))):
        message = (f"the source texts are not in {SEEDS}: put the project's shared/seeds folder beside the "
                   "checkout, or set REGIEWIJZER_SEEDS to the folder holding 000_….txt … 004_….txt")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS


@pytest.fixture(scope="session")
def advisor():
    return default_advisor()


@pytest.fixture(scope="session")
def knowledge(advisor):
    return advisor.knowledge


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True, "RATE_LIMIT": "0"})     # tests send far more than a person would


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def knowledge_copy(tmp_path):
    """A copy of the knowledge base, and a function to edit one of its YAML files."""
    root = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", root)

    def edit(relative, change):
        path = root / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, edit


@pytest.fixture(scope="session")
def openapi(app):
    return app.test_client().get("/api/v1/openapi.json").json


def validator(openapi, schema_name):
    """A JSON Schema validator for one schema of the OpenAPI document's components."""
    registry = Registry().with_resource("urn:openapi", Resource.from_contents(
        {**openapi, "$schema": "https://json-schema.org/draft/2020-12/schema"}))
    schema = {"$ref": f"urn:openapi#/components/schemas/{schema_name}"}
    return Draft202012Validator(schema, registry=registry)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Edits of a knowledge copy (for `knowledge_copy`'s edit): a broken rule, a harmless text change.
def first_rule(data, rule_id):
    return next(r for r in data["rules"] if r["id"] == rule_id)


def unknown_fact(data):
    first_rule(data, "role_regie_by_legal_power")["when"] = {"legal_powr": True}


def retitle_a_warning(data):
    data["warnings"][0]["title"]["en"] += " (revised)"
