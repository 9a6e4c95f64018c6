"""Transport edges of a real `regiewijzer serve`: what gunicorn refuses answers in the API's JSON error shape, a
chunked body over 64 KiB gets 413, the Server header names no software, and SIGTERM serves the waiting connections."""
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from regiewijzer.service.cli.worker import CLIENT_DEADLINE

from .conftest import REPO, free_port

pytestmark = pytest.mark.slow        # a real gunicorn

ADVICE = json.dumps({"situation": {"legal_power": True}}).encode()


class Served:
    """`regiewijzer serve` with 2 workers in a subprocess, its stderr collected by a thread."""

    def __init__(self):
        self.port = free_port()
        command = [sys.executable, "-m", "regiewijzer.service.cli", "serve", "--port", str(self.port), "--workers", "2"]
        self.process = subprocess.Popen(command, cwd=REPO, env={**os.environ, "REGIEWIJZER_RATE_LIMIT": "0"},
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.log = []
        ready = 0
        for line in self.process.stderr:            # each worker says when it has its signal handlers
            self.log.append(line)
            ready += "Worker ready" in line
            if ready == 2:
                break
        self.reader = threading.Thread(target=lambda: self.log.extend(self.process.stderr))
        self.reader.start()

    def stop(self):
        self.process.terminate()
        self.process.wait(60)
        self.reader.join(30)
        self.process.stderr.close()


@pytest.fixture(scope="module")
def served():
    server = Served()
    yield server
    server.stop()


def exchange(port, data, timeout=30):
    """Send raw bytes, read the answer until the server closes: (status, headers, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return int(status_line.split()[1]), headers, body


def post(path, body, *headers):
    return (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "".join(f"{h}\r\n" for h in headers) + "\r\n").encode() + body


def chunked(body, size=8192):
    pieces = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(f"{len(p):x}\r\n".encode() + p + b"\r\n" for p in pieces) + b"0\r\n\r\n"


def assert_json_error(status, headers, body, expected_status, field):
    assert status == expected_status, body
    assert headers["content-type"] == "application/json"
    error = json.loads(body)
    assert set(error) == {"error", "message", "field"} and error["field"] == field and error["message"]
    assert headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in \
        headers["content-security-policy"]


@pytest.mark.parametrize("request_bytes, status, field", [
    (b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "request line"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % n for n in range(120)) + b"\r\n", 431, "headers"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 9000 + b"\r\n\r\n", 431, "headers"),
    (b"GARBAGE\r\n\r\n", 400, "request line"),
    (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", 400, "HTTP version"),
    (b"POST /api/v1/advice HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", 400, "CONTENT-LENGTH"),
    (b"POST /api/v1/advice HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400,
     "CONTENT-LENGTH"),
    (b"POST /api/v1/advice HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
     400, "body"),
], ids=["request line too long", "too many header fields", "header field too large", "bad request line",
        "bad HTTP version", "negative Content-Length", "Content-Length twice", "bad chunk size"])
def test_requests_gunicorn_refuses_answer_in_the_json_error_shape(served, request_bytes, status, field):
    assert_json_error(*exchange(served.port, request_bytes), status, field)


def test_a_chunked_body_over_64_kib_gets_413_and_a_small_one_is_answered(served):
    big = b'{"situation": {}, "lang": "nl"' + b" " * (5 * 1024 * 1024) + b"}"
    assert_json_error(*exchange(served.port, post("/api/v1/advice", chunked(big), "Transfer-Encoding: chunked")),
                      413, "body")
    status, _, body = exchange(served.port, post("/api/v1/advice", chunked(ADVICE, 7), "Transfer-Encoding: chunked"))
    assert status == 200 and json.loads(body)["role"]["verdict"] == "regie"


def test_a_client_that_does_not_finish_its_request_gets_a_408_and_is_disconnected(served):
    """Within the client deadline (CLIENT_DEADLINE, 15 s) of connecting: here the headers never end."""
    started = time.monotonic()
    status, headers, body = exchange(served.port, b"POST /api/v1/advice HTTP/1.1\r\nHost: x\r\n")
    assert_json_error(status, headers, body, 408, None)
    assert CLIENT_DEADLINE <= time.monotonic() - started < CLIENT_DEADLINE + 5


def test_the_server_header_names_no_software(served):
    status, headers, _ = exchange(served.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert status == 200 and headers["server"] == "regiewijzer"
    assert headers["connection"] == "close"


def test_sigterm_answers_every_connection_already_waiting():
    """16 requests in flight or in the listen backlog when SIGTERM arrives: each gets its answer, none a reset."""
    server = Served()
    results, connected = [], threading.Barrier(17)

    def client():
        with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
            sock.sendall(post("/api/v1/report?format=pdf", ADVICE, f"Content-Length: {len(ADVICE)}"))
            connected.wait()
            try:
                chunks = []
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
                results.append(b"".join(chunks).split(b" ", 2)[1])
            except OSError as exc:
                results.append(repr(exc))
    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    connected.wait()
    server.stop()
    for thread in threads:
        thread.join(60)
    assert results == [b"200"] * 16, results
