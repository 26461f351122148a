# Kansrijke Ontmoetingen: one image for the app servers, task workers and the scheduler
# (see compose.yaml and docs/deployment.md). Build: docker build -t kansrijke-ontmoetingen .
FROM python:3.11-slim-bookworm

# weasyprint (PDF) needs Pango and fonts; pg_dump/pg_restore for `ontmoetingen backup`
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv \
    && useradd --create-home --uid 1000 app \
    && install -d -o app -g app /app /data

WORKDIR /app
ENV UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    PATH=/app/.venv/bin:$PATH \
    ONTMOETINGEN_DATA_DIR=/data \
    PYTHONUNBUFFERED=1

# dependencies first (a layer that survives code changes), then the code
COPY --chown=app:app pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY --chown=app:app . .
RUN uv sync --frozen --no-dev

USER app
VOLUME /data
EXPOSE 8000
# The app server; workers and the scheduler run the same image with another command.
CMD ["granian", "--interface", "wsgi", "--host", "0.0.0.0", "--port", "8000", \
     "--workers", "2", "--backpressure", "8", "--no-ws", "config.wsgi:application"]
