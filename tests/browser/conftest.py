"""Browser tests: the app runs in a real server thread; Debian's chromium is driven by Playwright."""
import json
import threading
import urllib.request
from contextlib import contextmanager

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from regiewijzer.service import create_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000

def closing(wsgi_app):
    """`wsgi_app` with each response read whole and closed before it is sent. Werkzeug's test server does not close
    a response whose client goes away (Chromium drops ranged requests for a script it already has), so a static
    file's handle would be left to the garbage collector, and its ResourceWarning fails whichever test is running
    then. The service itself runs under gunicorn, which closes them."""
    def app(environ, start_response):
        response = wsgi_app(environ, start_response)
        try:
            return [b"".join(response)]
        finally:
            if hasattr(response, "close"):
                response.close()
    return app


@contextmanager
def serving(wsgi_app):
    """Serve a WSGI app on a free local port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, closing(wsgi_app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def api(base_url, path, body=None):
    """The JSON answer of the served API (a GET, or a POST of `body`)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def facts(base_url, lang="nl"):
    return {f["id"]: f for f in api(base_url, f"/api/v1/facts?lang={lang}")["facts"]}


def csp_violations(page):
    """Console reports of blocked content (Chromium says "violates the following Content Security Policy
    directive"; older builds "Refused to ...")."""
    return [p for p in page.problems if "Content Security Policy" in p or p.startswith("Refused to")]


def script_errors(page):
    return [p for p in page.problems if p.startswith("script error")]


@pytest.fixture(scope="session")
def host_server():
    """A second local origin for pages that embed Regiewijzer; it serves what `host_pages` holds."""
    pages = {}

    def host(environ, start_response):
        body = pages.get(environ["PATH_INFO"])
        if body is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [body.encode()]

    with serving(host) as url:
        yield url, pages


@pytest.fixture(scope="session")
def base_url(host_server):
    """Regiewijzer itself, allowing the host server's origin to frame the embeddable pages."""
    app = create_app({"TESTING": True, "FRAME_ANCESTORS": host_server[0], "RATE_LIMIT": "0"})
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium (`.ci/run` installs it); a missing browser fails the tests rather than skipping them."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    """A fresh page; console errors (CSP refusals among them) and script errors are collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.problems = []
    page.on("console", lambda msg: msg.type in ("error", "warning") and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(f"script error: {exc}"))
    yield page
    context.close()
