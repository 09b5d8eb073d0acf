#!/usr/bin/env bash
# Runs the whole test suite: installs and starts what the tests need (on 127.0.0.1 only),
# builds the solution, runs every test project, and ends with "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

results=TestResults
rm -rf "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Peers the tests need, on 127.0.0.1 only; stopped when this script exits.
. ci/peers/peers.sh
export PEERS_DIR=/tmp/connectivity-peers
trap stop_all_peers EXIT
peers_apt postgresql-15 mosquitto mosquitto-clients python3-msgpack
if ! start_postgres 25432 > /dev/null; then
  echo "PostgreSQL did not start"
  echo "0 passed, 1 failed"
  exit 1
fi
export CONNECTIVITY_TEST_POSTGRES="Host=127.0.0.1;Port=25432;Username=postgres;Database=postgres"

if ! dotnet build Connectivity.Cluster.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# A hung test is killed after 5 minutes and reported as a failure (with a dump of where it hung).
dotnet test Connectivity.Cluster.sln -c Release --no-build -nologo --blame-hang-timeout 5m \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
test_rc=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$files" -eq 0 ] || { [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1))   # the runner failed without reporting a failed test (crash, no results)
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
