"""Shared fixtures, and the collector that turns tests/scenarios/*.yaml into pytest tests."""
import shutil
from pathlib import Path

import pytest
import yaml

from regiewijzer.rules import advise, default_advisor, verdicts
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


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A YAML file of situation -> expected advice cases, each named by the behaviour it shows."""

    def collect(self):
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        for case in data["scenarios"]:
            yield ScenarioItem.from_parent(self, name=case["name"], case=case)


class ScenarioItem(pytest.Item):
    EXPECTATIONS = {"role", "stage", "next_stage", "scope", "focus", "scenario", "warnings", "no_warnings",
                    "fired", "not_fired", "questions_first", "not_asked", "items", "examples"}

    def __init__(self, *, case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self):
        expect = self.case["expect"]
        unknown = set(expect) - self.EXPECTATIONS
        assert not unknown, f"unknown expectation(s) {unknown}"
        advice = advise(self.case.get("situation") or {}, self.case.get("lang", "nl"))
        for name, value in verdicts(advice).items():
            if name in expect:
                assert value == expect[name], f"{name}: expected {expect[name]!r}, got {value!r}"
        codes = [w["code"] for w in advice["warnings"]]
        fired = [step["rule"] for step in advice["trace"]]
        selected = {i["id"] for section in _item_lists(advice) for i in section}
        examples = {e["id"] for e in advice["examples"]}
        _contains("warning", codes, expect.get("warnings", []))
        _absent("warning", codes, expect.get("no_warnings", []))
        _contains("fired rule", fired, expect.get("fired", []))
        _absent("fired rule", fired, expect.get("not_fired", []))
        _contains("item", selected, expect.get("items", []))
        _contains("example", examples, expect.get("examples", []))
        first = expect.get("questions_first", [])
        assert sorted(advice["questions"][:len(first)]) == sorted(first), \
            f"first questions: expected {first}, got {advice['questions'][:len(first) + 2]}"
        _absent("question", advice["questions"], expect.get("not_asked", []))

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"


def _item_lists(advice):
    for key in ("role", "coordination", "strategy", "procedure", "positioning", "context", "participants", "background"):
        yield advice[key]["items"]
    yield advice["dos"]
    yield advice["donts"]


def _contains(what, actual, expected):
    missing = [e for e in expected if e not in actual]
    assert not missing, f"{what}(s) {missing} missing; got {list(actual)}"


def _absent(what, actual, unexpected):
    present = [e for e in unexpected if e in actual]
    assert not present, f"{what}(s) {present} present but not expected"
