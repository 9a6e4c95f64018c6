"""Reading one sample out of the Prometheus text format."""
import re


def metric(text, name, **labels):
    """The value of one sample of the Prometheus text `text` (0 when absent)."""
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0])) if "{" in line else {}
            if all(found.get(k) == str(v) for k, v in labels.items()):
                return float(line.rsplit(" ", 1)[1])
    return 0.0
