"""The Dockerfile follows engineering.md: multi-stage, pinned python:3.12-slim, non-root, exec-form gunicorn CMD
with the shared worker settings (service/cli/worker.py), HEALTHCHECK, knowledge owned by root so that it can be mounted read-only."""
import re

from regiewijzer.service.cli import gunicorn_config

from .dockerfile import copies, environment, exec_form, healthcheck_command, stages

PINNED_SLIM_312 = re.compile(r"python:3\.12\.\d+-slim(-[a-z]+)?(@sha256:[0-9a-f]{64})?")


def test_it_is_multi_stage_on_a_pinned_python_3_12_slim():
    built = stages()
    assert len(built) >= 2
    for stage in built:
        image = stage[0][1].split()[0]
        assert PINNED_SLIM_312.fullmatch(image), f"{image} is not a pinned python:3.12.x-slim image"
    runtime = built[-1]
    assert not any(k == "RUN" and re.search(r"\b(gcc|build-essential)\b", a) for k, a in runtime), \
        "compilers belong in the build stage only"
    assert any(k == "COPY" and "--from=" in a for k, a in runtime)


def test_the_service_runs_as_a_non_root_user():
    runtime = stages()[-1]
    users = [(i, a.split(":")[0]) for i, (k, a) in enumerate(runtime) if k == "USER"]
    assert users and users[-1][1] not in ("root", "0")
    cmd_index = next(i for i, (k, _) in enumerate(runtime) if k == "CMD")
    assert users[-1][0] < cmd_index


def test_cmd_is_exec_form_gunicorn_with_the_shared_worker_settings():
    runtime = stages()[-1]
    (cmd,) = [exec_form(a) for k, a in runtime if k == "CMD"]
    assert cmd is not None, "CMD must be in exec form (a JSON array)"
    assert not [a for k, a in runtime if k == "ENTRYPOINT"]
    assert cmd[0] == "gunicorn" and cmd[-1] == "regiewijzer.service:create_app()"
    assert cmd[cmd.index("--config") + 1] == "python:regiewijzer.service.cli.gunicorn_config"
    assert gunicorn_config.worker_class == "regiewijzer.service.cli.worker.Worker" and gunicorn_config.accesslog is None
    assert "--worker-class" not in cmd and "-k" not in cmd
    assert "--access-logfile" not in cmd and "--reload" not in cmd


def test_it_has_an_exec_form_healthcheck_on_a_probe():
    command = healthcheck_command(stages()[-1])
    assert command is not None and command[0] == "python"
    assert re.search(r"/(healthz|readyz)'", command[-1])


def test_the_knowledge_is_root_owned_where_regiewijzer_knowledge_points():
    runtime = stages()[-1]
    env = environment(runtime)
    knowledge = env["REGIEWIJZER_KNOWLEDGE"]
    into = [(sources, options) for sources, destination, options in copies(runtime) if destination == knowledge]
    assert into == [(["knowledge"], ["--chown=root:root"])]
    assert not any(k == "RUN" and knowledge in a and re.search(r"\bch(own|mod)\b", a) for k, a in runtime)
    assert not any(k == "VOLUME" for k, _ in runtime), "mount the knowledge with -v ...:ro; no anonymous volume"


def test_no_secret_is_baked_into_the_image():
    for stage in stages():
        names = set(environment(stage)) | {a.split("=")[0] for k, a in stage if k == "ARG"}
        assert not [n for n in names if re.search("TOKEN|SECRET|PASSWORD", n)]
