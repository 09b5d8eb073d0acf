#!/usr/bin/env bash
# Starts a local connectivity cluster on 127.0.0.1: PostgreSQL 15 on port 25432 and N nodes (default 3) of the
# same binary in cluster mode. Node i serves the API on 127.0.0.1:808i and talks to the others on 127.0.0.1:910i.
# Logs and state under /tmp/connectivity-cluster. Ctrl-C stops everything.
#   scripts/cluster.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
nodes=${1:-3}
[ "$nodes" -ge 1 ] && [ "$nodes" -le 9 ] || { echo "usage: scripts/cluster.sh [1-9]" >&2; exit 2; }

. ci/peers/peers.sh
export PEERS_DIR=/tmp/connectivity-cluster
peers_apt postgresql-15
pids=()
cleanup() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; stop_all_peers; }
trap cleanup EXIT INT TERM

start_postgres 25432 > /dev/null
dotnet build -c Release -nologo -v quiet src/Connectivity.Server
server=src/Connectivity.Server/bin/Release/net10.0/Connectivity.Server.dll
for i in $(seq 1 "$nodes"); do
  CONNECTIVITY_POSTGRES="Host=127.0.0.1;Port=25432;Username=postgres;Database=postgres" \
  CONNECTIVITY_NODE_ID="node-$i" CONNECTIVITY_INTERNAL_URL="http://127.0.0.1:910$i" \
    dotnet "$server" --cluster --urls "http://127.0.0.1:808$i" > "$PEERS_DIR/node-$i.log" 2>&1 &
  pids+=($!)
  echo "node-$i: API http://127.0.0.1:808$i   log $PEERS_DIR/node-$i.log"
done
for i in $(seq 1 "$nodes"); do
  until curl -sf "http://127.0.0.1:808$i/health" > /dev/null; do sleep 0.2; done
done
echo "cluster of $nodes nodes is up (user devops, password foobar); Ctrl-C stops it"
wait
