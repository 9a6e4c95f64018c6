"""The README's example request gives the response the README shows, its commands match CI, and it lists every setting."""
import json
import re

from regiewijzer.service.ops import settings

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_example_request_gives_the_documented_response(client):
    request = json.loads(re.search(r"-d '(\{.*?\})'", README, re.S).group(1))
    shown = json.loads(re.search(r"```json\n(.*?)\n```", README, re.S).group(1))
    advice = client.post("/api/v1/advice", json=request).json
    assert advice["role"]["verdict"] == shown["role"]["verdict"]
    assert advice["role"]["items"][0]["id"] == shown["role"]["items"][0]["id"]
    for section, fields in {"coordination": ("stage", "next_stage"), "strategy": ("scope", "focus"),
                            "procedure": ("scenario",)}.items():
        for fld in fields:
            assert advice[section][fld] == shown[section][fld]
    assert [w["code"] for w in advice["warnings"]] == [w["code"] for w in shown["warnings"]]
    assert advice["questions"][:4] == shown["questions"][:4]
    assert advice["question_details"][0] == shown["question_details"][0]
    assert advice["trace"][0]["rule"] == shown["trace"][0]["rule"]


def test_ci_runs_the_readme_test_command():
    command = "python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert command in README
    assert (REPO / ".ci" / "run").read_text().strip().endswith(command)


def test_readme_documents_every_configuration_variable():
    table = README.split("### Configuration", 1)[1].split("###", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.M))
    assert {variable for variable, _ in settings.ENVIRONMENT.values()} <= documented
    assert {"PROMETHEUS_MULTIPROC_DIR", "WEB_CONCURRENCY", "REGIEWIJZER_FONT_DIR"} <= documented
