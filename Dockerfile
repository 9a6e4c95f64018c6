# Regiewijzer: multi-stage build. durable-rules compiles a C extension, so the builder has gcc;
# the runtime image carries only the built wheels. Python 3.12, not 3.13 (durable-rules 2.0.28
# does not import on 3.13).
FROM python:3.12.8-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY rules rules
COPY service service
COPY knowledge knowledge
# the tested versions of every dependency (requirements.lock), built into wheels
RUN pip wheel --no-cache-dir -c requirements.lock --wheel-dir /wheels .

FROM python:3.12.8-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    REGIEWIJZER_KNOWLEDGE=/app/knowledge \
    PROMETHEUS_MULTIPROC_DIR=/tmp/regiewijzer-metrics
COPY --from=build /wheels /wheels
# fonts-dejavu-core: the PDF report's font (every Dutch and English character, and the pictures' text)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir --no-index /wheels/*.whl && rm -rf /wheels \
    && useradd --system --uid 10001 --no-create-home regiewijzer
# The bundled knowledge base, owned by root: the service only reads it. Replace it with
# `-v /srv/regiewijzer/knowledge:/app/knowledge:ro` (no VOLUME here: an anonymous volume would
# keep an old knowledge base across image upgrades).
COPY --chown=root:root knowledge /app/knowledge
USER regiewijzer
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status != 200)"]
# Workers: WEB_CONCURRENCY (default 3). Settings shared with `regiewijzer serve`: service/cli/gunicorn_config.py.
CMD ["gunicorn", "--config", "python:regiewijzer.service.cli.gunicorn_config", "--bind", "0.0.0.0:8000", "regiewijzer.service:create_app()"]
