"""Example instance/config.py: copy and adapt; every key may also be set as WALKAPP_<KEY>."""

# Required outside debug and tests, at least 32 characters:
#   python -c 'import secrets; print(secrets.token_urlsafe(48))'
SECRET_KEY = "change-me-to-a-long-random-string"  # noqa: S105 - an example to replace

# Default: SQLite in instance/walkapp.sqlite3. PostgreSQL (psycopg 3):
# DATABASE_URL = "postgresql+psycopg://walkapp@127.0.0.1:5432/walkapp"

# Photos are stored under instance/photos by default.
# PHOTO_DIR = "/var/lib/walkapp/photos"

# Behind HTTPS, send the session cookie only over HTTPS.
# SESSION_COOKIE_SECURE = True

# Map tiles for the field and review maps (your municipality's own tile server if it has one).
# MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
