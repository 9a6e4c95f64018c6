"""Shared fixtures and helpers of the tests."""
import shutil
from pathlib import Path

import pytest
import yaml

from regiewijzer.rules import default_advisor
from regiewijzer.service import create_app

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


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
