"""The Dockerfile's install steps replayed in a clean venv: build the wheels as the build stage does, install them
offline as the runtime stage does, start the service with its CMD and ENV, run its HEALTHCHECK, one consultation.

Differences from a real image: this machine's Python (3.11 or 3.12) instead of the image's 3.12, pip's cache
kept (durable-rules compiles only once), and absolute paths of ENV and COPY re-rooted under a temporary folder.
"""
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .conftest import free_port
from .dockerfile import DOCKERFILE, copies, environment, exec_form, healthcheck_command, stages

pytestmark = pytest.mark.slow        # the image's install steps replayed in a fresh venv

REPO = DOCKERFILE.parent


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result


def pip_steps(stage, verb):
    """The `pip <verb> ...` commands of a stage's RUN instructions, as argument lists."""
    for keyword, arguments in stage:
        if keyword == "RUN":
            for step in arguments.split("&&"):
                words = shlex.split(step)
                if words[:2] == ["pip", verb]:
                    yield words[2:]


class Root:
    """A temporary folder standing in for the image's file system."""

    def __init__(self, base):
        self.base = base

    def __call__(self, path):
        return str(self.base / path.lstrip("/")) if path.startswith("/") else path

    def copy(self, sources, destination, workdir):
        target = Path(self(destination if destination.startswith("/") else f"{workdir}/{destination}"))
        for source in sources:
            origin = REPO / source
            if origin.is_dir():
                shutil.copytree(origin, target if len(sources) == 1 and not destination.endswith("/") else target / source)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy(origin, target / origin.name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A venv with the wheels installed exactly as the runtime stage does, and the image's root folder."""
    build, runtime = stages()[0], stages()[-1]
    root = Root(tmp_path_factory.mktemp("image"))
    workdir = next(a for k, a in build if k == "WORKDIR")
    for sources, destination, _options in copies(build):
        root.copy(sources, destination, workdir)
    for arguments in pip_steps(build, "wheel"):
        arguments = [root(a) for a in arguments if a != "--no-cache-dir"]
        run([sys.executable, "-m", "pip", "wheel", "--quiet", *arguments], cwd=root(workdir))
    venv = root.base / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    for arguments in pip_steps(runtime, "install"):
        expanded = [w for a in arguments for w in (sorted(glob.glob(root(a))) if "*" in a else [root(a)])]
        run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *expanded], cwd=root.base)
    for sources, destination, options in copies(runtime):
        if not any(o.startswith("--from=") for o in options):
            root.copy(sources, destination, "/")
    return venv, root, runtime


@pytest.fixture(scope="module")
def service(installed):
    venv, root, runtime = installed
    port = free_port()
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(root.base), "LANG": "C.UTF-8"}
    env.update({name: root(value) for name, value in environment(runtime).items()})
    (cmd,) = [exec_form(a) for k, a in runtime if k == "CMD"]
    command = [str(venv / "bin" / cmd[0]), *cmd[1:]]
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    with subprocess.Popen(command, cwd=root.base, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as process:
        booted, log = 0, []
        for line in process.stderr:
            log.append(line)
            booted += "Booting worker" in line
            if booted == 2:
                break
        assert booted == 2, "gunicorn did not boot its workers:\n" + "".join(log[-30:])
        yield port, env
        process.terminate()


def test_the_image_runs_the_installed_package_not_the_checkout(installed):
    venv, root, _ = installed
    where = run([str(venv / "bin" / "python"), "-c", "import regiewijzer.service as s, regiewijzer.rules as r; print(s.__file__, r.__file__)"],
                cwd=root.base, env={"PATH": "/usr/bin:/bin"}).stdout
    assert str(venv) in where and str(REPO) not in where


def test_the_healthcheck_passes_and_a_consultation_is_answered(installed, service):
    venv, root, runtime = installed
    port, env = service
    healthcheck = healthcheck_command(runtime)
    probe = [str(venv / "bin" / healthcheck[0]), *healthcheck[1:-1], healthcheck[-1].replace(":8000/", f":{port}/")]
    assert run(probe, env=env, cwd=root.base).returncode == 0
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/advice", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"situation": {"legal_power": True}, "lang": "en"}).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        advice = json.load(response)
    assert advice["role"]["verdict"] == "regie" and advice["lang"] == "en"
    assert os.listdir(env["PROMETHEUS_MULTIPROC_DIR"])       # workers' metrics land where the image says
