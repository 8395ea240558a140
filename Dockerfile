# Browser assets (Pyodide, the CodeMirror bundle) come from the npm registry at build time, as `make vendor` does.
FROM node:20-slim AS vendor
WORKDIR /build
COPY frontend/package.json frontend/package-lock.json frontend/editor.js frontend/
COPY Makefile .
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends make >/dev/null && make vendor

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
COPY --from=vendor /build/static/vendor static/vendor
RUN SECRET_KEY=build python manage.py collectstatic --noinput
RUN useradd --create-home playbook && mkdir -p /app/var && chown playbook /app/var
USER playbook
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3"]
