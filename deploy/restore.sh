#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into a database that `fintrak migrate` has just set up (roles,
# tables, policies) and that holds no rows yet:
#
#   MIGRATION_DATABASE_URL=postgres://fintrak:…@host/fintrak fintrak migrate
#   MIGRATION_DATABASE_URL=postgres://fintrak:…@host/fintrak deploy/restore.sh fintrak-2026-12-06.dump
#
# Only the rows are loaded, in one transaction, so the schema, roles and grants are always the current release's.
# Run it as a superuser (the compose file's `fintrak` is one): row-level security is FORCEd on the tables.
# Prints the row count of each table afterwards.
set -euo pipefail
dump=${1:?usage: deploy/restore.sh BACKUP.dump}
url=${MIGRATION_DATABASE_URL:-${DATABASE_URL:?set MIGRATION_DATABASE_URL or DATABASE_URL}}
[ -r "$dump" ] || { echo "restore: cannot read $dump" >&2; exit 2; }
psql() { command psql --no-psqlrc -v ON_ERROR_STOP=1 -qtAX --dbname="$url" "$@"; }
[ "$(psql -c "SELECT to_regclass('public.outbound_messages') IS NOT NULL")" = t ] \
    || { echo "restore: run \`fintrak migrate\` on the target first" >&2; exit 2; }
[ "$(psql -c "SELECT NOT EXISTS (SELECT 1 FROM tenants)")" = t ] \
    || { echo "restore: the target already holds tenants; restore into an empty database" >&2; exit 2; }
# Only the rows of tables (and the positions of sequences) that this release's schema has.
known=" $(psql -c "SELECT string_agg(relname, ' ') FROM pg_class
                   WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S')") "
list=$(mktemp)
trap 'rm -f "$list"' EXIT
pg_restore --list "$dump" | awk -v known="$known" '
    / (TABLE DATA|SEQUENCE SET) public / {
        for (i = 1; i <= NF; i++) if ($i == "public") { name = $(i + 1); break }
        if (index(known, " " name " ")) print; else skipped = skipped " " name
    }
    END { if (skipped != "") print "restore: skipped (not in this schema):" skipped > "/dev/stderr" }' >"$list"
pg_restore --data-only --disable-triggers --single-transaction --exit-on-error --no-owner --use-list="$list" \
    --dbname="$url" "$dump"
psql -c "ANALYZE"
psql -c "SELECT format('restore: %s %s', table_name, (xpath('/row/n/text()',
             query_to_xml(format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1])
         FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
