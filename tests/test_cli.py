"""The `regiewijzer advise` command prints the same JSON as the API."""
import io
import json

from regiewijzer.service.cli import main


def test_advise_yaml_file_prints_the_api_json(tmp_path, capsys, client):
    situation = tmp_path / "situatie.yaml"
    situation.write_text("legal_power: false\nfinancial_flows: geen\nadvisory_right: geen\nsubthemes_count: 2\n")
    assert main(["advise", str(situation)]) == 0
    printed = json.loads(capsys.readouterr().out)
    api = client.post("/api/v1/advice", json={"situation": {"legal_power": False, "financial_flows": "geen",
                                                            "advisory_right": "geen", "subthemes_count": 2}}).json
    assert printed == api
    assert printed["role"]["verdict"] == "netwerkcoordinatie"


def test_advise_json_request_from_stdin_in_english(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO('{"situation": {"legal_power": true}, "lang": "en"}'))
    assert main(["advise", "-"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["role"]["verdict"] == "regie" and printed["lang"] == "en"


def test_advise_reports_bad_input_with_its_field(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("financial_flows: veel\n"))
    assert main(["advise", "-"]) == 2
    assert "situation.financial_flows" in capsys.readouterr().err


def test_advise_with_a_broken_knowledge_base_lists_its_problems(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("{}"))
    assert main(["--knowledge", str(tmp_path), "advise", "-"]) == 1
    assert "facts.yaml: -: file is missing" in capsys.readouterr().err
