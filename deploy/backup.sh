#!/usr/bin/env bash
# A logical backup of Fintrak's database: `deploy/backup.sh OUT.dump` (pg_dump's custom format, compressed).
# Connects with MIGRATION_DATABASE_URL (else DATABASE_URL): the owner sees every tenant's rows.
# With compose: docker compose exec -T postgres pg_dump -U fintrak -Fc fintrak > fintrak-$(date +%F).dump
set -euo pipefail
out=${1:?usage: deploy/backup.sh OUT.dump}
url=${MIGRATION_DATABASE_URL:-${DATABASE_URL:?set MIGRATION_DATABASE_URL or DATABASE_URL}}
pg_dump --format=custom --compress=6 --no-owner --file="$out" --dbname="$url"
echo "backup: $out ($(du -h "$out" | cut -f1))"
