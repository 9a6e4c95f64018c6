"""`regiewijzer diff`: the advice changes between two knowledge bases, with counts, examples and causing rules."""
import re
import shutil
import subprocess

import pytest

from regiewijzer.rules.chaining import fire
from regiewijzer.rules.diff import compare
from regiewijzer.rules.knowledge import DEFAULT_PATH, load_knowledge
from regiewijzer.rules.outcome import conclude
from regiewijzer.service.cli import main


def edited_copy(tmp_path, file, old, new, name="edited"):
    """A copy of the bundled knowledge base with one text replaced in one file."""
    folder = tmp_path / name
    shutil.copytree(DEFAULT_PATH, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bundled():
    return load_knowledge()


def test_a_changed_threshold_changes_the_scenario_with_counts_examples_and_cause(tmp_path, bundled):
    folder = edited_copy(tmp_path, "parameters.yaml", "id: few_stakeholders\n    value: 6", "id: few_stakeholders\n    value: 9")
    edited = load_knowledge(folder)
    diff = compare(bundled, edited, sample_size=400)
    keys = {c.key: c for c in diff.changes}
    change = keys[("verdict", "scenario", 2, 1)]
    assert 0 < change.count < diff.situations
    assert 7 <= change.example["stakeholders_count"] <= 9
    assert conclude(bundled, fire(bundled, change.example)).verdicts["scenario"] == 2
    assert conclude(edited, fire(edited, change.example)).verdicts["scenario"] == 1
    assert {"scenario_1_unique_group", "scenario_2_fixed_core_group"} >= change.causes
    assert change.causes and set(diff.rules["changed"]) >= change.causes
    assert not any(c.key[0] == "verdict" and c.key[1] != "scenario" for c in diff.changes)


def test_a_narrowed_warning_rule(tmp_path, bundled):
    folder = edited_copy(tmp_path, "rules/decide_positioning.yaml", "in: [geen, verdeeld]}}\n    then: {warn: [NO_POLITICAL_SUPPORT]",
                         "in: [geen]}}\n    then: {warn: [NO_POLITICAL_SUPPORT]")
    diff = compare(bundled, load_knowledge(folder), sample_size=400)
    removed = next(c for c in diff.changes if c.key == ("warning", "NO_POLITICAL_SUPPORT", "removed"))
    assert removed.example["political_support"] == "verdeeld" and removed.causes == {"warn_no_political_support"}
    assert diff.rules == {"added": [], "removed": [], "changed": ["warn_no_political_support"]}
    assert diff.changed and diff.situations == 400 + len(bundled.examples)


def test_an_edited_text_is_a_change_without_other_advice_changes(tmp_path, bundled):
    folder = edited_copy(tmp_path, "items/regie_concepts.yaml", "Regie presupposes enforcement power",
                         "Regie needs enforcement power")
    diff = compare(bundled, load_knowledge(folder), sample_size=0)
    assert diff.texts["items"] == ["regie_definition"] and not diff.changes and diff.changed


def test_an_edit_that_changes_no_meaning_exits_0(tmp_path, capsys):
    same = edited_copy(tmp_path, "parameters.yaml", "value: 6", "value: 6   # reviewed", name="same")
    assert main(["diff", str(DEFAULT_PATH), str(same)]) == 0
    out = capsys.readouterr().out
    assert "2000 generated situations" in out and out.rstrip().endswith("no change")
    old_version, new_version = re.findall(r"\(kb-\w+\)", out.splitlines()[0])
    assert old_version != new_version        # a real comparison, not the same files


def test_git_revisions_are_compared(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    shutil.copytree(DEFAULT_PATH, repo / "knowledge")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    path = repo / "knowledge" / "parameters.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 6", "value: 3", 1), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "fewer stakeholders count as few"], check=True)
    monkeypatch.chdir(repo)
    assert main(["diff", "HEAD~1:knowledge", "HEAD:knowledge"]) == 1
    out = capsys.readouterr().out
    assert "verdict scenario: 1 → 2 — in " in out and "caused by: scenario_1_unique_group" in out
    assert "example: {" in out and out.rstrip().endswith("change(s) in the advice")


def test_an_invalid_base_exits_2_listing_its_problems(tmp_path, capsys):
    broken = edited_copy(tmp_path, "rules/decide_positioning.yaml", "political_support: {in: [geen, verdeeld]}",
                         "politcal_support: {in: [geen, verdeeld]}")
    assert main(["diff", str(DEFAULT_PATH), str(broken)]) == 2
    err = capsys.readouterr().err
    assert "is not a valid knowledge base" in err and "unknown fact 'politcal_support'" in err


@pytest.mark.parametrize("args, message", [(["HEAD~999999:knowledge", "knowledge"], "HEAD~999999"),
                                           (["no-such-folder", "knowledge"], "neither a folder nor a git revision")])
def test_bad_revisions_exit_2(capsys, args, message):
    assert main(["diff", *args]) == 2
    assert message in capsys.readouterr().err


def test_sample_below_2000_is_refused(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", "knowledge", "knowledge", "--sample", "100"])
    assert exit_info.value.code == 2 and "at least 2000" in capsys.readouterr().err


def test_the_sample_gives_facts_per_domain_so_a_per_domain_edit_shows(tmp_path, bundled):
    legal_power = '    lever_source: {document: "001", section: "2.3"}\n    per_domain: true\n'    # its first fact
    folder = edited_copy(tmp_path, "facts.yaml", legal_power, legal_power.replace("    per_domain: true\n", ""))
    edited = load_knowledge(folder)           # legal_power no longer per domain
    assert "legal_power" not in edited.per_domain_facts
    diff = compare(bundled, edited, sample_size=400)
    changed = [c for c in diff.changes if c.key[:2] == ("verdict", "role")]
    assert changed and all("domains" in c.example for c in changed)
