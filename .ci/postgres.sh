#!/usr/bin/env bash
# Install (from Debian's packages) and start a PostgreSQL server on loopback for the test suite.
# Prints the SQLAlchemy URL of a superuser connection on its last line.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -qtAc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pricewatch') THEN CREATE ROLE pricewatch LOGIN SUPERUSER PASSWORD 'pricewatch'; END IF; END \\\$\\\$;\"" >/dev/null
echo "postgresql+psycopg://pricewatch:pricewatch@127.0.0.1:5432/postgres"
