"""`regiewijzer serve` starts gunicorn with its worker (service/cli/worker.py) and answers real HTTP requests."""
import json
import os
import subprocess
import sys
import urllib.request

import pytest

from .conftest import free_port
from .prometheus_text import metric

WORKERS = 2


@pytest.fixture()
def server():
    """The base URL of a served instance, and its process (stdout kept for the request log)."""
    port = free_port()
    command = [sys.executable, "-m", "regiewijzer.service.cli", "serve", "--port", str(port), "--workers", str(WORKERS)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        booted = 0
        for line in process.stderr:                 # gunicorn logs each worker it boots
            booted += "Booting worker" in line
            if booted == WORKERS:
                break
        yield f"http://127.0.0.1:{port}", process
        process.terminate()


def post_advice(base, situation):
    request = urllib.request.Request(f"{base}/api/v1/advice", data=json.dumps({"situation": situation}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.load(response)


def get_text(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_serve_answers_advice_over_http(server):
    base, _ = server
    status, advice = post_advice(base, {"legal_power": True})
    assert status == 200 and advice["role"]["verdict"] == "regie"
    assert json.loads(get_text(f"{base}/readyz"))["status"] == "ready"


def test_metrics_add_up_every_worker_and_each_request_is_logged_once_as_json(server):
    base, process = server
    consultations = 30
    for i in range(consultations):
        post_advice(base, {"legal_power": i % 2 == 0})
    scrapes = [get_text(f"{base}/metrics") for _ in range(6)]
    counted = {metric(text, "regiewijzer_requests_total", route="/api/v1/advice", status=200) for text in scrapes}
    assert counted == {consultations}          # each scrape, whichever worker answers it, sees all workers' counts
    assert {metric(text, "regiewijzer_advice_verdicts_total", field="role", value="regie") for text in scrapes} == {15}
    process.terminate()
    out, _ = process.communicate(timeout=30)
    lines = out.splitlines()
    assert lines and all(line.startswith("{") for line in lines)       # no gunicorn access log beside ours
    logged = [json.loads(line) for line in lines]
    assert sum(line["path"] == "/api/v1/advice" for line in logged) == consultations


@pytest.mark.parametrize("environment, arguments, named", [({"WEB_CONCURRENCY": "many"}, [], "WEB_CONCURRENCY"),
                                                           ({"WEB_CONCURRENCY": "0"}, [], "WEB_CONCURRENCY"),
                                                           ({}, ["--workers", "0"], "--workers")])
def test_a_bad_worker_count_is_refused_naming_it(environment, arguments, named):
    command = [sys.executable, "-m", "regiewijzer.service.cli", "serve", "--port", str(free_port()), *arguments]
    result = subprocess.run(command, env={**os.environ, **environment}, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert named in result.stderr and "expected 1, 2, 3" in result.stderr
    assert "Traceback" not in result.stderr
