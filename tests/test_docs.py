"""docs/ holds the project's own design: every "contract §N" a comment cites exists in docs/contract.md, and the
contract names every fact, value, verdict value and warning code of the knowledge base."""
import re
import subprocess

import yaml

from .conftest import REPO

CONTRACT = (REPO / "docs" / "contract.md").read_text(encoding="utf-8")
CITATION = re.compile(r"contract(?:\.md)?\)?[^§\n]{0,12}§\s*(\d+(?:\.\d+)*)", re.IGNORECASE)


def tracked_files():
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return [REPO / name for name in listed if name.endswith((".py", ".yaml", ".js", ".html", ".md"))
            and not name.startswith("docs/") and name != "tests/test_docs.py"]


def contract_sections():
    return set(re.findall(r"^#{2,3} (\d+(?:\.\d+)*)\.? ", CONTRACT, flags=re.M))


def test_every_contract_citation_points_at_a_section_of_docs_contract():
    sections = contract_sections()
    cited = {(path.relative_to(REPO).as_posix(), number)
             for path in tracked_files() for number in CITATION.findall(path.read_text(encoding="utf-8"))}
    assert cited, "the check would find no citation at all"
    assert [c for c in cited if c[1] not in sections] == []


def test_the_citation_check_sees_a_section_that_does_not_exist():
    assert CITATION.findall("# Contract §9.9: nowhere") == ["9.9"] and "9.9" not in contract_sections()


def test_the_contract_names_every_fact_value_verdict_and_warning():
    knowledge = REPO / "knowledge"
    facts = yaml.safe_load((knowledge / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    names = {f["id"] for f in facts} | {v["id"] for f in facts for v in f.get("values", [])}
    verdicts = yaml.safe_load((knowledge / "verdicts.yaml").read_text(encoding="utf-8"))["verdicts"]
    names |= {v["field"] for v in verdicts} | {str(value["id"]) for v in verdicts for value in v["values"]}
    names |= {w["code"] for w in yaml.safe_load((knowledge / "warnings.yaml").read_text(encoding="utf-8"))["warnings"]}
    assert sorted(n for n in names if not re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", CONTRACT)) == []
