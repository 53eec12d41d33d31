# One image for the web and worker services of docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    TOLLGATE_DATA_DIR=/var/lib/tollgate
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal portal
COPY vendors vendors
COPY costing costing
COPY assessments assessments
COPY templates templates
COPY manage.py ./
RUN pip install . \
 && useradd --system --home /var/lib/tollgate tollgate \
 && mkdir -p /var/lib/tollgate && chown tollgate /var/lib/tollgate \
 && DEBUG=true SECRET_KEY=build-only python manage.py collectstatic --noinput
USER tollgate
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
