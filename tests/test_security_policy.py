"""Security policy: body limit, debug off, no secret in the repository, no default admin token, safe YAML only."""
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from regiewijzer.rules import KnowledgeError
from regiewijzer.rules.knowledge import DEFAULT_PATH, load_knowledge
from regiewijzer.service import create_app
from regiewijzer.service.ops import settings

REPO = Path(__file__).resolve().parent.parent
THIS_FILE = Path(__file__).resolve()
SECRET_PATTERNS = {
    "private key": r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
    "AWS access key": r"\bAKIA[0-9A-Z]{16}\b",
    "GitHub token": r"\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})",
    "Slack token": r"\bxox[abprs]-[A-Za-z0-9-]{10,}",
    "bearer token": r"Bearer [A-Za-z0-9._~+/-]{16,}",
    "assigned secret": r"(?i)\b(token|secret|password|passwd|api_key)\w*\s*[:=]\s*[\"'][^\"'\s]{8,}[\"']",
    "long hex string": r"\b[0-9a-f]{32,}\b",
}
UNSAFE_YAML = [r"yaml\.load\(", r"yaml\.unsafe_load", r"yaml\.full_load", r"Loader\s*=\s*yaml\.(Unsafe|Full)?Loader\b"]


def tracked_text_files():
    names = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        path = REPO / name
        if path.is_file() and path.resolve() != THIS_FILE:
            try:
                yield name, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue


def test_no_tracked_file_holds_something_that_looks_like_a_secret():
    files = dict(tracked_text_files())
    assert "service/__init__.py" in files
    found = [f"{name}: {kind}: {match.group(0)[:24]}…" for name, text in files.items()
             for kind, pattern in SECRET_PATTERNS.items() for match in re.finditer(pattern, text)]
    assert not found, "possible secrets in the repository:\n" + "\n".join(found)


def test_no_setting_has_a_default_token_or_secret():
    assert settings.from_environment().keys() == settings.ENVIRONMENT.keys()
    defaults = {variable: default for variable, default in settings.ENVIRONMENT.values()
                if re.search("TOKEN|SECRET|PASSWORD", variable)}
    assert all(default is None for default in defaults.values()), defaults
    with_default = re.compile(r"""(environ\.get|getenv)\(\s*["'][A-Z_]*(TOKEN|SECRET|PASSWORD)["']\s*,""")
    offending = [name for name, text in tracked_text_files() if name.endswith(".py") and with_default.search(text)]
    assert not offending


def test_no_admin_action_is_accepted_without_a_configured_token(monkeypatch):
    monkeypatch.delenv("REGIEWIJZER_ADMIN_TOKEN", raising=False)
    client = create_app({"TESTING": True, "RATE_LIMIT": "0"}).test_client()
    assert not [path for path in client.get("/api/v1/openapi.json").json["paths"] if "/admin/" in path]
    with_admin = create_app({"TESTING": True, "RATE_LIMIT": "0", "ADMIN_TOKEN": secrets.token_urlsafe(32)})
    paths = [path for path in with_admin.test_client().get("/api/v1/openapi.json").json["paths"]
             if path.startswith("/api/v1/admin/")]     # the admin actions there are, asked where they are off
    assert paths
    for authorization in (None, "", "Bearer", "Bearer ", "Bearer null", "Bearer undefined", "Basic YWRtaW46"):
        headers = {} if authorization is None else {"Authorization": authorization}
        for path in paths:
            for method in ("GET", "POST", "PUT", "DELETE"):
                response = client.open(path, method=method, headers=headers, json={})
                assert response.status_code in (401, 403, 404, 405, 503), f"{method} {path} {authorization!r}"


def test_debug_is_off_by_default_and_an_unexpected_error_shows_no_internals(monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app({"RATE_LIMIT": "0"})
    assert app.debug is False and app.testing is False

    def broken():
        raise RuntimeError("internal detail 42")
    app.add_url_rule("/broken", "broken", broken)
    response = app.test_client().get("/broken")
    assert response.status_code == 500 and response.is_json
    assert "internal detail 42" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_body_over_the_limit_gets_a_json_413_naming_the_body(client):
    response = client.post("/api/v1/advice", data=b"{" + b" " * (65 * 1024) + b"}", content_type="application/json")
    assert response.status_code == 413 and response.json["field"] == "body"


def test_no_code_loads_yaml_unsafely():
    offending = [f"{name}: {pattern}" for name, text in tracked_text_files() if name.endswith(".py")
                 for pattern in UNSAFE_YAML if re.search(pattern, text)]
    assert not offending


def test_a_python_object_tag_in_knowledge_is_refused_as_a_knowledge_error(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_PATH, knowledge)
    marker = tmp_path / "constructed"
    with open(knowledge / "parameters.yaml", "a", encoding="utf-8") as handle:
        handle.write(f'\nexploit: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(knowledge)
    problems = [p for p in caught.value.problems if p.file == "parameters.yaml"]
    assert problems and "not valid YAML" in problems[0].message and "python/object" in problems[0].message
    assert not marker.exists()


def test_a_python_object_tag_in_a_situation_file_is_refused_by_the_cli(tmp_path):
    marker = tmp_path / "constructed"
    situation = tmp_path / "situation.yaml"
    situation.write_text(f'legal_power: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "regiewijzer.service.cli", "advise", str(situation)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "python/object" in result.stderr
    assert not marker.exists()
