#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine or a developer's: bash scripts/test.sh
#
#  1. installs what is missing (chromium, postgresql, redis-server) with apt-get, starts PostgreSQL and Redis;
#  2. restores (locked), builds (Release; this also builds the web client) and checks formatting;
#  3. checks that the committed OpenAPI document matches the build;
#  4. type-checks, lints and unit-tests the web client;
#  5. runs the API tests and the end-to-end (Playwright + Chromium) tests.
# It ends with one line, "N passed, N failed, N skipped", over every test run, and exits non-zero if anything failed.
# Results (TRX, Vitest JSON, screenshots) go to TestResults/.
#
# Environment: PARLEY_TEST_POSTGRES (a connection string whose user may create databases) is used as given;
# when unset, a local PostgreSQL cluster is started and a role parley/parley is created for the tests.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
RESULTS="$ROOT/TestResults"
WEB="$ROOT/src/Parley.Web"
START=$SECONDS

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_UPDATE_NOTIFIER=false

FAILED_CHECKS=()
FAILED_TESTS=()
PASSED=0
FAILED=0
SKIPPED=0

section() { printf '\n\033[1m==== %s ====\033[0m  (%ds)\n' "$*" "$((SECONDS - START))"; }
note() { printf '%s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
fail_check() {
  FAILED_CHECKS+=("$1")
  printf 'FAILED: %s\n' "$1" >&2
}
# Runs a check; a failure is recorded and the suite goes on, so one run shows every problem.
check() {
  local name="$1"
  shift
  if ! "$@"; then fail_check "$name"; fi
}
as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

summary_and_exit() {
  section "Summary"
  if ((${#FAILED_CHECKS[@]} > 0)); then
    note "Failed checks:"
    printf '  - %s\n' "${FAILED_CHECKS[@]}"
  else
    note "All checks passed."
  fi
  if ((${#FAILED_TESTS[@]} > 0)); then
    note "Failed tests:"
    printf '  - %s\n' "${FAILED_TESTS[@]}"
  fi
  if [[ -s "$RESULTS/retried-tests.txt" ]]; then
    note "Browser tests that failed once and passed when run again (flaky: look at them):"
    sed 's/^/  - /' "$RESULTS/retried-tests.txt"
  fi
  note "Results: $RESULTS (TRX, Vitest JSON, screenshots)"
  note "Total time: $((SECONDS - START)) s"
  if ((SKIPPED > 0)); then
    printf '%d passed, %d failed, %d skipped\n' "$PASSED" "$FAILED" "$SKIPPED"
  else
    printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
  fi
  if ((FAILED > 0 || ${#FAILED_CHECKS[@]} > 0)); then exit 1; fi
  exit 0
}

# ---------------------------------------------------------------------------------------------------------------------
section "Machine: packages"
for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed (the .NET 10 SDK and Node.js 20+ are needed)" >&2; exit 1; }
done
need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
if [[ -z "${PARLEY_TEST_POSTGRES:-}" ]]; then
  command -v pg_lsclusters >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || need+=(postgresql)
fi
command -v redis-server >/dev/null && command -v redis-cli >/dev/null || need+=(redis-server)
command -v git >/dev/null || need+=(git)
command -v curl >/dev/null || need+=(curl)
if ((${#need[@]} > 0)); then
  note "Installing: ${need[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  note "chromium, postgresql, redis-server: already installed"
fi

# ---------------------------------------------------------------------------------------------------------------------
section "Machine: PostgreSQL"
if [[ -n "${PARLEY_TEST_POSTGRES:-}" ]]; then
  note "PARLEY_TEST_POSTGRES is set; using that server as given."
else
  cluster="$(pg_lsclusters --no-header 2>/dev/null | sort -k1,1V | tail -n 1 || true)"
  if [[ -z "$cluster" ]]; then
    version="$(basename "$(compgen -G '/usr/lib/postgresql/*' | sort -V | tail -n 1)")"
    note "No cluster: creating $version/main"
    as_root pg_createcluster "$version" main >/dev/null
    cluster="$(pg_lsclusters --no-header | sort -k1,1V | tail -n 1)"
  fi
  read -r pg_version pg_name pg_port pg_status _ <<<"$cluster"
  if [[ "$pg_status" != online* ]]; then
    note "Starting cluster $pg_version/$pg_name on port $pg_port"
    # After an unclean stop PostgreSQL syncs its whole data directory before it accepts connections, which can take
    # longer than pg_ctl's default 60 s wait.
    as_root pg_ctlcluster "$pg_version" "$pg_name" start -- -t 600
  else
    note "Cluster $pg_version/$pg_name is running on port $pg_port"
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
    sleep 0.5
  done
  pg_isready -h 127.0.0.1 -p "$pg_port"
  (cd / && as_postgres psql -q -v ON_ERROR_STOP=1 -p "$pg_port" -d postgres) <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'parley') THEN
    CREATE ROLE parley LOGIN PASSWORD 'parley' CREATEDB;
  ELSE
    ALTER ROLE parley LOGIN PASSWORD 'parley' CREATEDB;
  END IF;
END
$$;
SQL
  # Test databases are dropped when their tests end; a run that was killed leaves its own behind. This cluster is the
  # suite's, so whatever parley_test_* databases it holds before the run starts are such leftovers.
  leftovers="$(cd / && as_postgres psql -At -p "$pg_port" -d postgres \
    -c "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE);', datname) FROM pg_database WHERE datname LIKE 'parley\_test\_%'")"
  if [[ -n "$leftovers" ]]; then
    note "Dropping $(wc -l <<<"$leftovers") test databases left by interrupted runs"
    (cd / && as_postgres psql -q -p "$pg_port" -d postgres) <<<"$leftovers" >/dev/null
  fi
  export PARLEY_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=parley;Password=parley"
  note "PARLEY_TEST_POSTGRES=$PARLEY_TEST_POSTGRES"
fi

# ---------------------------------------------------------------------------------------------------------------------
section "Machine: Redis"
if redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  note "Redis answers on 127.0.0.1:6379"
else
  note "Starting Redis on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir /tmp \
    --logfile /tmp/parley-test-redis.log >/dev/null
  for _ in $(seq 1 40); do
    redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break
    sleep 0.25
  done
  redis-cli -h 127.0.0.1 -p 6379 ping
fi
export PARLEY_TEST_REDIS="${PARLEY_TEST_REDIS:-127.0.0.1:6379}"

# ---------------------------------------------------------------------------------------------------------------------
section "Machine: S3-compatible storage (s3rver)"
if [[ -n "${PARLEY_TEST_S3:-}" ]]; then
  note "PARLEY_TEST_S3 is set; using that S3 endpoint as given."
else
  if ! curl -s -o /dev/null "http://127.0.0.1:4568/"; then
    (cd "$ROOT/tools/s3rver" && npm ci --no-audit --no-fund --silent)
    mkdir -p /tmp/parley-test-s3
    nohup "$ROOT/tools/s3rver/node_modules/.bin/s3rver" -d /tmp/parley-test-s3 -a 127.0.0.1 -p 4568 --silent \
      >/tmp/parley-test-s3.log 2>&1 &
    for _ in $(seq 1 40); do
      curl -s -o /dev/null "http://127.0.0.1:4568/" && break
      sleep 0.25
    done
  fi
  export PARLEY_TEST_S3="http://127.0.0.1:4568"
  note "PARLEY_TEST_S3=$PARLEY_TEST_S3"
fi

# ---------------------------------------------------------------------------------------------------------------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

section "Build: restore"
if ! dotnet tool restore || ! dotnet restore Parley.slnx --locked-mode; then
  fail_check "restore (a lock file out of date? run 'dotnet restore Parley.slnx --force-evaluate' and commit packages.lock.json)"
  summary_and_exit
fi

section "Build: dotnet build -c Release (with the web client)"
if ! dotnet build Parley.slnx -c Release --no-restore; then
  fail_check "dotnet build"
  summary_and_exit
fi

section "Check: dotnet format"
check "dotnet format (run 'dotnet format Parley.slnx' to fix)" \
  dotnet format Parley.slnx --verify-no-changes --no-restore

section "Check: the committed OpenAPI document matches the build"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  if ! git ls-files --error-unmatch -- src/Parley.Server/openapi/v1.json >/dev/null 2>&1; then
    fail_check "src/Parley.Server/openapi/v1.json is not committed"
  elif git diff --exit-code --stat -- src/Parley.Server/openapi/v1.json; then
    note "src/Parley.Server/openapi/v1.json is up to date."
  else
    git --no-pager diff -- src/Parley.Server/openapi/v1.json | head -n 80
    fail_check "OpenAPI drift: commit the regenerated src/Parley.Server/openapi/v1.json"
  fi
else
  warn "not a git checkout: skipping the OpenAPI drift check."
fi

# ---------------------------------------------------------------------------------------------------------------------
section "Web client: typecheck, lint, unit tests"
if [[ -f "$WEB/package.json" ]]; then
  if [[ ! -f "$WEB/node_modules/.package-lock.json" ]]; then
    (cd "$WEB" && npm ci --no-audit --no-fund)
  fi
  check "web: npm run typecheck" bash -c 'cd "$1" && npm run --silent typecheck' _ "$WEB"
  check "web: npm run lint" bash -c 'cd "$1" && npm run --silent lint' _ "$WEB"
  vitest_json="$RESULTS/vitest.json"
  check "web: npm test" bash -c 'cd "$1" && npm test -- --reporter=default --reporter=json --outputFile="$2"' _ "$WEB" "$vitest_json"
  if [[ -f "$vitest_json" ]]; then
    read -r v_passed v_failed v_skipped < <(node -e '
      const r = require(process.argv[1]);
      const skipped = (r.numPendingTests || 0) + (r.numTodoTests || 0);
      // A file that fails to load has no tests but is a failure all the same.
      const broken = (r.testResults || []).filter(f => f.status === "failed" && (f.assertionResults || []).length === 0).length;
      console.log(r.numPassedTests || 0, (r.numFailedTests || 0) + broken, skipped);' "$vitest_json")
    note "Vitest: $v_passed passed, $v_failed failed, $v_skipped skipped"
    PASSED=$((PASSED + v_passed))
    FAILED=$((FAILED + v_failed))
    SKIPPED=$((SKIPPED + v_skipped))
  else
    fail_check "web: Vitest wrote no results ($vitest_json)"
  fi
else
  warn "src/Parley.Web/package.json does not exist yet: skipping the web client checks."
fi

# ---------------------------------------------------------------------------------------------------------------------
# Adds up the <Counters> of a TRX file: passed, failed (failed, error, timeout, aborted), skipped (notExecuted).
count_trx() {
  local trx="$1" counters attr
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters" | head -n 1; }
  local passed failed error timeout aborted not_executed
  passed="$(attr passed)"; failed="$(attr failed)"; error="$(attr error)"
  timeout="$(attr timeout)"; aborted="$(attr aborted)"; not_executed="$(attr notExecuted)"
  local f=$((${failed:-0} + ${error:-0} + ${timeout:-0} + ${aborted:-0}))
  note "$(basename "$trx"): ${passed:-0} passed, $f failed, ${not_executed:-0} skipped"
  local failed_test
  while IFS= read -r failed_test; do
    [[ -n "$failed_test" ]] && FAILED_TESTS+=("$failed_test")
  done < <(grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/\1/p' || true)
  PASSED=$((PASSED + ${passed:-0}))
  FAILED=$((FAILED + f))
  SKIPPED=$((SKIPPED + ${not_executed:-0}))
}

run_dotnet_tests() {
  local project="$1" name
  name="$(basename "$project")"
  section "Tests: $name"
  if [[ ! -f "$project/$name.csproj" ]]; then
    fail_check "$project/$name.csproj does not exist"
    return
  fi
  local trx="$RESULTS/$name.trx"
  rm -f "$trx"
  if ! dotnet test "$project" -c Release --no-build \
      --results-directory "$RESULTS" \
      --logger "trx;LogFileName=$name.trx" \
      --logger "console;verbosity=normal"; then
    fail_check "dotnet test $name"
  fi
  if [[ -f "$trx" ]]; then
    count_trx "$trx"
  else
    fail_check "dotnet test $name wrote no TRX file"
  fi
}

run_dotnet_tests tests/Parley.Server.Tests
run_dotnet_tests tests/Parley.EndToEnd.Tests

# ---------------------------------------------------------------------------------------------------------------------
# The benchmark harness in quick mode, so that it keeps working; its figures are not checked (no timing assertions).
section "Bench: bench/run --quick (harness check, figures ignored)"
check "bench/run --quick" env PARLEY_BENCH_POSTGRES="$PARLEY_TEST_POSTGRES" \
  bash bench/run --quick --no-build --out "$RESULTS/benchmarks-quick.md"

summary_and_exit
