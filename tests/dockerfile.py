"""A small Dockerfile reader for the policy and replay tests: stages of (instruction, arguments)."""
import json
import re
import shlex
from pathlib import Path

DOCKERFILE = Path(__file__).resolve().parent.parent / "Dockerfile"


def instructions(text):
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    logical, current = [], ""
    for line in text.splitlines():
        if line.strip().startswith("#") and not current:
            continue
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.strip():
            keyword, _, arguments = current.strip().partition(" ")
            logical.append((keyword.upper(), arguments.strip()))
        current = ""
    return logical


def stages(text=None):
    """The build stages, each a list of instructions starting with its FROM."""
    out = []
    for keyword, arguments in instructions(text if text is not None else DOCKERFILE.read_text(encoding="utf-8")):
        if keyword == "FROM":
            out.append([])
        out[-1].append((keyword, arguments))
    return out


def exec_form(arguments):
    """The JSON array of an exec-form CMD/ENTRYPOINT/HEALTHCHECK CMD, or None for the shell form."""
    try:
        value = json.loads(arguments)
    except ValueError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


def environment(stage):
    env = {}
    for keyword, arguments in stage:
        if keyword == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(arguments))
    return env


def healthcheck_command(stage):
    (arguments,) = [a for k, a in stage if k == "HEALTHCHECK"]
    return exec_form(re.sub(r"^(--\S+\s+)*CMD\s+", "", arguments))


def copies(stage):
    """(source paths, destination, options) of each COPY."""
    for keyword, arguments in stage:
        if keyword == "COPY":
            words = shlex.split(arguments)
            options = [w for w in words if w.startswith("--")]
            paths = [w for w in words if not w.startswith("--")]
            yield paths[:-1], paths[-1], options
