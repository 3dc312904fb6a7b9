#!/bin/sh
# Rebuild the field page's bundle (static/dist/) after changing its JavaScript or
# frontend/: installs the pinned packages (frontend/package-lock.json) and runs esbuild.
# The outputs and their build.json are committed; the app and its tests never run node.
set -eu
cd "$(dirname "$0")/../frontend"
npm ci --no-audit --no-fund --loglevel=error
node build.mjs
