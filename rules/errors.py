"""The one exception family for Regiewijzer's domain errors."""


class RegiewijzerError(Exception):
    """Base of every domain error."""


class KnowledgeError(RegiewijzerError):
    """The knowledge base is invalid; `problems` lists every problem found."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(lines)} problem(s) in the knowledge base:\n" + "\n".join(lines))


class Problem:
    """One problem in a knowledge file, named by file and item id."""

    def __init__(self, file, item, message):
        self.file, self.item, self.message = file, item, message

    def __str__(self):
        return f"{self.file}: {self.item}: {self.message}"

    def as_dict(self):
        return {"file": self.file, "item": self.item, "message": self.message}


class SituationError(RegiewijzerError):
    """A situation (or request) does not fit the vocabulary: names the field and what is allowed."""

    def __init__(self, field, message, allowed=None, suggestion=None):
        self.field, self.allowed, self.suggestion = field, allowed, suggestion
        super().__init__(message)

    def as_dict(self):
        out = {"error": "invalid_input", "message": str(self), "field": self.field}
        if self.allowed is not None:
            out["allowed"] = self.allowed
        if self.suggestion is not None:
            out["suggestion"] = self.suggestion
        return out


class EngineError(RegiewijzerError):
    """The rules engine failed while reasoning (an action raised, or an engine limit was hit)."""


class ConfigError(RegiewijzerError):
    """A configuration setting (environment variable or app config) has a value that is not allowed."""

    def __init__(self, setting, message):
        self.setting, self.message = setting, message
        super().__init__(f"{setting}: {message}")
