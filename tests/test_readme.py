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
    command = "python3 -m pip install -c requirements.lock -e '.[test]' && python3 -m pytest"
    assert command in README
    install, test = command.split(" && ")
    steps = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line and not line.startswith("#")]
    assert install in steps and steps[-1] == test and steps.index(install) < steps.index(test)


def test_both_set_up_commands_install_the_pinned_versions():
    assert "python3 -m pip install -c requirements.lock . && regiewijzer serve" in README
    pins = [line for line in (REPO / "requirements.lock").read_text().splitlines() if "==" in line]
    assert any(line.startswith(("pytest==", "durable-rules==")) for line in pins)
    assert all("==" in line for line in (REPO / "requirements.lock").read_text().splitlines()
               if line and not line.startswith(("#", " ")))


def test_readme_documents_every_configuration_variable():
    table = README.split("### Configuration", 1)[1].split("###", 1)[0]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.M))
    assert {variable for variable, _ in settings.ENVIRONMENT.values()} <= documented
    assert {"PROMETHEUS_MULTIPROC_DIR", "WEB_CONCURRENCY", "REGIEWIJZER_FONT_DIR"} <= documented
