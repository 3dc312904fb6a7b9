#!/usr/bin/env bash
# Install walkapp in .venv, create the SQLite database in instance/, load the demo story and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .

# A real secret key, made once and kept in instance/config.py (git-ignored).
mkdir -p instance
if [ ! -f instance/config.py ]; then
  key=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))')
  printf '"""Made by scripts/demo.sh; see config.example.py."""\n\nSECRET_KEY = "%s"\n' "$key" > instance/config.py
fi

.venv/bin/flask --app walkapp init-db
.venv/bin/flask --app walkapp seed-demo
echo "walkapp runs on http://127.0.0.1:${PORT:-5000}/ (Ctrl-C stops it)"
exec .venv/bin/gunicorn --bind "127.0.0.1:${PORT:-5000}" --workers 2 --threads 4 "walkapp:create_app()"
