"""Knowledge folders named on the command line: a folder, or REV:PATH in the git repository of the current
directory (extracted with `git archive` into a temporary folder)."""
import io
import subprocess
import tarfile
from pathlib import Path

from ...rules import KnowledgeError
from ...rules.errors import Problem


def knowledge_folder(spec, scratch):
    """The folder for `spec`: itself when it is a folder, else REV:PATH extracted into the empty folder `scratch`."""
    if Path(spec).is_dir():
        return Path(spec)
    revision, sep, path = spec.partition(":")
    if not sep or not revision or not path:
        raise KnowledgeError([Problem(spec, "-", "neither a folder nor a git revision with a path, "
                                                 "like HEAD~1:knowledge")])
    done = subprocess.run(["git", "archive", "--format=tar", revision, path], capture_output=True)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip() or "git archive failed"
        raise KnowledgeError([Problem(spec, "-", message)])
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(scratch, filter="data")
    return Path(scratch) / path
