#!/usr/bin/env bash
# Adds a migration with the same name for SQLite and PostgreSQL: scripts/add-migration.sh AddFriends
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh MigrationName}"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project "src/Parley.Data.$provider" --startup-project "src/Parley.Data.$provider" --output-dir Migrations
done
