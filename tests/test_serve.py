"""`regiewijzer serve` starts gunicorn with sync workers and answers real HTTP requests."""
import json
import socket
import subprocess
import sys
import urllib.request

import pytest


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server():
    port = free_port()
    command = [sys.executable, "-m", "service.cli", "serve", "--port", str(port), "--workers", "2"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as process:
        booted = 0
        for line in process.stderr:                 # gunicorn logs each worker it boots
            booted += "Booting worker" in line
            if booted == 2:
                break
        yield f"http://127.0.0.1:{port}"
        process.terminate()


def test_serve_answers_advice_over_http(server):
    request = urllib.request.Request(f"{server}/api/v1/advice", data=json.dumps({"situation": {"legal_power": True}}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert json.load(response)["role"]["verdict"] == "regie"
    with urllib.request.urlopen(f"{server}/readyz", timeout=10) as response:
        assert json.load(response)["status"] == "ready"
