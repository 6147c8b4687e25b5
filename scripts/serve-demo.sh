#!/usr/bin/env bash
# `make serve-demo`: tendo serve on the database `make demo` just made,
# in the foreground until Ctrl-C. With "phone": on every address of this
# machine, so a phone on the same network can open it - plain HTTP, which
# is allowed explicitly here because the demo's data is made up (your own
# data deserves --tls-cert/--tls-key: docs/api.md).
set -euo pipefail
build=${1:-build}
export TENDO_DB="$build/demo/tendo.db"
if [ "${2:-}" = phone ]; then
  echo "== tendo serve --listen 0.0.0.0:8470 --allow-plain-http --new-token"
  echo "   open the pairing address below on your phone (same Wi-Fi);"
  echo "   check in at /check, see today's advice at /"
  exec "$build/tendo" serve --listen 0.0.0.0:8470 --allow-plain-http --new-token
fi
echo "== tendo serve   (open http://127.0.0.1:8470/ in a browser; Ctrl-C stops)"
echo "   a phone on the same network: make serve-demo PHONE=1"
exec "$build/tendo" serve
