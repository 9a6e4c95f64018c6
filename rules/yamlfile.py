"""Safe YAML reading that refuses a key given twice in one mapping (PyYAML keeps the last one silently)."""
import yaml


class DuplicateKey(yaml.YAMLError):
    """A mapping names the same key twice; `line` is 1-based."""

    def __init__(self, key, line, first_line):
        self.key, self.line, self.first_line = key, line, first_line
        super().__init__(f"line {line}: key {key!r} is given twice in one mapping (first on line {first_line})")


# libyaml's parser when PyYAML has it (about ten times faster on the knowledge base), else the Python one
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """yaml's safe loader (no Python tags) that refuses duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                if key in seen:
                    raise DuplicateKey(key, key_node.start_mark.line + 1, seen[key])
            except TypeError:           # an unhashable key: SafeLoader reports it as it always did
                break
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep)


def load(text):
    """The data of a YAML text, like yaml.safe_load; raises DuplicateKey or another yaml.YAMLError."""
    loader = _StrictLoader(text)        # a SafeLoader: no Python tags
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
