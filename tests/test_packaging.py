"""The built wheel installs one package named after the project: no generic top-level names in site-packages."""
import subprocess
import sys
import zipfile

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(REPO)], check=True, capture_output=True)
    (built,) = out.glob("regiewijzer-*.whl")
    with zipfile.ZipFile(built) as archive:
        return archive.namelist()


def test_the_wheel_holds_only_the_regiewijzer_package_and_its_metadata(wheel):
    tops = {name.split("/", 1)[0] for name in wheel}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"regiewijzer"}
    assert not tops & {"rules", "service", "knowledge", "tests", "bench"}


def test_the_wheel_carries_the_code_the_knowledge_and_the_pages(wheel):
    for needed in ("regiewijzer/rules/engine.py", "regiewijzer/service/api/routes.py",
                   "regiewijzer/service/cli/__main__.py", "regiewijzer/service/pages/static/conversation.js",
                   "regiewijzer/service/pages/templates/base.html", "regiewijzer/service/pages/templates/embed.js",
                   "regiewijzer/service/scorm/package.py", "regiewijzer/service/scorm/templates/sco.html",
                   "regiewijzer/service/scorm/static/sco.js", "regiewijzer/service/texts/nl.yaml",
                   "regiewijzer/knowledge/facts.yaml", "regiewijzer/knowledge/scenarios/role.yaml",
                   "regiewijzer/knowledge/items/strategy.yaml", "regiewijzer/knowledge/counts.yaml"):
        assert needed in wheel, needed
