"""Runs the app under gunicorn (service/cli/worker.py's workers), with the same command and settings as the Docker
image's CMD."""
import os
import sys
import tempfile

from ...rules.errors import ConfigError
from ..ops.settings import worker_count


def gunicorn_command(host, port, workers):
    return [sys.executable, "-m", "gunicorn", "--config", "python:regiewijzer.service.cli.gunicorn_config",
            "--bind", f"{host}:{port}", "--workers", str(workers), "regiewijzer.service:create_app()"]


def run(host, port, workers, knowledge=None):
    """Replace this process with gunicorn; its workers' metrics are added up in a fresh folder unless one is set."""
    if "WEB_CONCURRENCY" in os.environ:     # gunicorn itself would stop on a bad one with a traceback
        try:
            worker_count(os.environ["WEB_CONCURRENCY"])
        except ConfigError as exc:
            raise SystemExit(f"regiewijzer: {exc}") from None
    environment = dict(os.environ)
    if knowledge:
        environment["REGIEWIJZER_KNOWLEDGE"] = knowledge
    if "PROMETHEUS_MULTIPROC_DIR" not in environment:
        environment["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="regiewijzer-metrics-")
    os.execve(sys.executable, gunicorn_command(host, port, workers), environment)
