"""The `regiewijzer advise` command prints the same JSON as the API; output into a closed pipe and the report's
file name."""
import fcntl
import io
import json
import os
import subprocess
import sys

from regiewijzer.service.cli import EXIT_BROKEN_PIPE, main


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


def test_advise_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    situation = tmp_path / "situatie.yaml"
    situation.write_text("legal_power: false\n")
    # a pipe of 4 KiB holds less than the advice (about 35 KB), so the command is still writing when `head` stops
    read, write = os.pipe()
    fcntl.fcntl(read, fcntl.F_SETPIPE_SZ, 4096)
    with subprocess.Popen([sys.executable, "-m", "regiewijzer.service.cli", "advise", str(situation)],
                          stdout=write, stderr=subprocess.PIPE) as command:
        os.close(write)
        with os.fdopen(read, "rb") as head:
            assert head.readline().strip() == b"{"
        errors = command.stderr.read().decode()
        assert command.wait(timeout=60) == EXIT_BROKEN_PIPE == 141
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_report_without_o_says_where_it_wrote(tmp_path, monkeypatch, capsys):
    situation = tmp_path / "situatie.yaml"
    situation.write_text("legal_power: false\n")
    monkeypatch.chdir(tmp_path)
    assert main(["report", str(situation), "--format", "md"]) == 0
    (written,) = tmp_path.glob("regiewijzer-advies-*.md")
    assert capsys.readouterr().out == f"wrote {written} (no -o given: into the current folder)\n"
    assert main(["report", str(situation), "--format", "md", "-o", "advies.md"]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'advies.md'}\n"
