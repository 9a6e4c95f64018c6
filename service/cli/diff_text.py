"""`regiewijzer diff` output: what changes in the advice between two knowledge bases, for a reviewer."""
import json


def _what(change):
    key = change.key
    if key[0] == "verdict":
        return f"verdict {key[1]}: {_value(key[2])} → {_value(key[3])}"
    return f"{key[0]} {key[1]} {key[2]}"


def _value(value):
    return "null" if value is None else (json.dumps(list(value)) if isinstance(value, tuple) else str(value))


def _ids(ids):
    return ", ".join(ids) if ids else "none"


def diff_text(diff, old_name, new_name):
    lines = [f"regiewijzer diff {old_name} ({diff.old_version}) → {new_name} ({diff.new_version})",
             f"compared over {diff.cases} practice cases and {diff.situations - diff.cases} generated situations "
             f"(seed {diff.seed})",
             f"rules added: {_ids(diff.rules['added'])}; removed: {_ids(diff.rules['removed'])}; "
             f"changed: {_ids(diff.rules['changed'])}",
             f"texts changed: items {_ids(diff.texts['items'])}; warnings {_ids(diff.texts['warnings'])}; "
             f"facts {_ids(diff.texts['facts'])}", ""]
    if not diff.changes:
        lines.append("the advice does not change in any compared situation")
    for change in diff.changes:
        cases = f", practice cases: {', '.join(change.cases[:5])}" if change.cases else ""
        lines.append(f"{_what(change)} — in {change.count} of {diff.situations} situations{cases}")
        lines.append(f"    caused by: {_ids(sorted(change.causes))}")
        lines.append(f"    example: {json.dumps(change.example, ensure_ascii=False, sort_keys=True)}")
    lines.append("")
    lines.append(f"{len(diff.changes)} change(s) in the advice" if diff.changed else "no change")
    return "\n".join(lines) + "\n"
