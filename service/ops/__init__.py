"""What every interface shares in operation: settings, security headers, CORS, rate limit, request log, metrics,
health probes and the knowledge reload across gunicorn workers."""
