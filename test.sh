#!/usr/bin/env bash
# The test command: restores, builds and runs every test of the solution against real parts
# (embedded Kafka in-process, PostgreSQL started here, SQLite files, an in-process SMTP server).
# On a fresh Debian 12 machine as root it installs what it needs (PostgreSQL, headless Chromium for
# the dashboard's browser tests) first.
# Ends with one line "N passed, N failed, N skipped" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

configuration="${CONFIGURATION:-Release}"
results="$(pwd)/artifacts/test-results"

if [ -z "${SIGNUPEMAIL_TEST_POSTGRES:-}" ]; then
  SIGNUPEMAIL_TEST_POSTGRES="$(bash scripts/start-postgres.sh)"
  export SIGNUPEMAIL_TEST_POSTGRES
fi
echo "PostgreSQL for tests: ${SIGNUPEMAIL_TEST_POSTGRES%%Password=*}Password=***"
bash scripts/install-chromium.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore SignupEmail.sln
dotnet build SignupEmail.sln --no-restore -c "$configuration"

rm -rf "$results"
status=0
dotnet test SignupEmail.sln --no-build -c "$configuration" \
  --results-directory "$results" --logger "trx" \
  --blame-hang-timeout 8m || status=$?

# Only per-test results count: the run summary carries an outcome attribute of its own.
count() { { cat "$results"/*.trx 2>/dev/null || true; } | { grep -o "<UnitTestResult [^>]*outcome=\"$1\"" || true; } | wc -l | tr -d ' '; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count NotExecuted)

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A crashed or hung test host reports no failed test, but the run did fail.
  echo "dotnet test exited with $status without a failed test result (test host crash or hang?)."
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
