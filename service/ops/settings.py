"""The service's settings: read from REGIEWIJZER_* environment variables, checked, and refused with a ConfigError."""
import os
import re

from ...rules.errors import ConfigError

# config key: (environment variable, default)
ENVIRONMENT = {
    "KNOWLEDGE_PATH": ("REGIEWIJZER_KNOWLEDGE", None),
    "FRAME_ANCESTORS": ("REGIEWIJZER_FRAME_ANCESTORS", ""),
    "CORS_ORIGINS": ("REGIEWIJZER_CORS_ORIGINS", ""),
    "RATE_LIMIT": ("REGIEWIJZER_RATE_LIMIT", "120/minute"),
    "REPORT_RATE_LIMIT": ("REGIEWIJZER_REPORT_RATE_LIMIT", "6/minute"),
    "TRUSTED_PROXIES": ("REGIEWIJZER_TRUSTED_PROXIES", "0"),
    "LOG_SITUATIONS": ("REGIEWIJZER_LOG_SITUATIONS", "0"),
    "METRICS": ("REGIEWIJZER_METRICS", "1"),
    "ADMIN_TOKEN": ("REGIEWIJZER_ADMIN_TOKEN", None),
    "METRICS_TOKEN": ("REGIEWIJZER_METRICS_TOKEN", None),
}
MIN_TOKEN_LENGTH = 32
MIN_TOKEN_CHARACTERS = 10       # different characters: refuses `aaaa…` and `abab…`
# gunicorn worker processes: one more than the 2 cores of the target machine (README "Serving": measured)
DEFAULT_WORKERS = 3
ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
RATE = re.compile(r"([1-9][0-9]*)/(second|minute|hour)")
SECONDS = {"second": 1, "minute": 60, "hour": 3600}
SWITCH = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def from_environment():
    """The config values given by the environment, or their defaults."""
    return {key: os.environ.get(variable, default) for key, (variable, default) in ENVIRONMENT.items()}


def checked(config):
    """The settings parsed into their types; a ConfigError names the variable of a bad value."""
    return {
        "FRAME_ANCESTORS": origins("FRAME_ANCESTORS", config["FRAME_ANCESTORS"]),
        "CORS_ORIGINS": origins("CORS_ORIGINS", config["CORS_ORIGINS"]),
        "RATE_LIMIT": rate_limit(config["RATE_LIMIT"]),
        "REPORT_RATE_LIMIT": rate_limit(config["REPORT_RATE_LIMIT"], "REPORT_RATE_LIMIT"),
        "TRUSTED_PROXIES": proxy_count(config["TRUSTED_PROXIES"]),
        "LOG_SITUATIONS": switch("LOG_SITUATIONS", config["LOG_SITUATIONS"]),
        "METRICS": switch("METRICS", config["METRICS"]),
        "ADMIN_TOKEN": token("ADMIN_TOKEN", config["ADMIN_TOKEN"]),
        "METRICS_TOKEN": token("METRICS_TOKEN", config["METRICS_TOKEN"]),
    }


def _name(key):
    return ENVIRONMENT[key][0]


def origins(key, value):
    """Space-separated origins such as `https://leren.example.be`; never `*`, no paths."""
    listed = value.split() if isinstance(value, str) else list(value or [])
    for origin in listed:
        if not isinstance(origin, str) or not ORIGIN.fullmatch(origin):
            raise ConfigError(_name(key), f"{origin!r} is not an origin; expected scheme://host[:port], "
                                          "e.g. https://leren.example.be (no '*', no path)")
    return listed


def rate_limit(value, key="RATE_LIMIT"):
    """`N/second`, `N/minute` or `N/hour` as (N, seconds); `0` (or None) switches the limit off."""
    if value in (None, 0, "0", "off"):
        return None
    if isinstance(value, tuple):
        return value
    match = RATE.fullmatch(str(value).strip())
    if not match:
        raise ConfigError(_name(key), f"{value!r} is not a rate; expected e.g. 120/minute, "
                                      "N/second, N/hour, or 0 for no limit")
    return int(match[1]), SECONDS[match[2]]


def proxy_count(value):
    """How many reverse proxies in front of the service set X-Forwarded-For (0: trust none)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ConfigError(_name("TRUSTED_PROXIES"), f"{value!r} is not a number of proxies; expected 0, 1, 2 ...")


def switch(key, value):
    if isinstance(value, bool):
        return value
    if str(value).strip().lower() in SWITCH:
        return SWITCH[str(value).strip().lower()]
    raise ConfigError(_name(key), f"{value!r} is not a switch; expected 1 or 0 (true/false, yes/no)")


def token(key, value):
    """A bearer token ('' when none is set). One of whitespace only, shorter than MIN_TOKEN_LENGTH or with fewer
    than MIN_TOKEN_CHARACTERS different characters is refused, never silently taken as none."""
    given = (value or "").strip()
    if value and (len(given) < MIN_TOKEN_LENGTH or len(set(given)) < MIN_TOKEN_CHARACTERS):
        what = "is only whitespace" if not given else \
            f"must have at least {MIN_TOKEN_LENGTH} characters, {MIN_TOKEN_CHARACTERS} of them different"
        raise ConfigError(_name(key), f"the token {what} (make one with `python -c 'import secrets; "
                                      "print(secrets.token_urlsafe(32))'`; leave the variable unset for none)")
    return given


def worker_count(value, setting="WEB_CONCURRENCY"):
    """How many gunicorn workers: a whole number, 1 or more."""
    if isinstance(value, str) and value.strip().isdigit() and int(value) >= 1:
        return int(value)
    raise ConfigError(setting, f"{value!r} is not a number of workers; expected 1, 2, 3 ...")
