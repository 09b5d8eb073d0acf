# peers.sh (adapted from shared/peers) — start real protocol peers as plain background processes on 127.0.0.1.
# Debian 12 (bookworm), run as root, no systemd. Usage:  . peers.sh
#   pid=$(start_postgres 25432)             # every start_* prints the PID to stop
#   stop_pid "$pid"                          # TERM, wait, KILL after a timeout
# State/logs live under $PEERS_DIR/<name>-<port>/ (default /tmp/peers).
# Every start_* returns non-zero (and dumps the log to stderr) if the peer is not ready in time.

PEERS_DIR=${PEERS_DIR:-/tmp/peers}
PEERS_SRC=${PEERS_SRC:-$(dirname "${BASH_SOURCE[0]}")}   # where forward_sink.py lives

# ---------- generic helpers ----------
peers_apt() {   # peers_apt PKG... : install what is missing, never auto-start services
  if [ ! -e /usr/sbin/policy-rc.d ]; then   # stop postinst scripts starting daemons on default ports
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  fi
  local p missing=()
  for p in "$@"; do dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  apt-get update -qq   # ~1.5 s; stale or missing lists otherwise give 404s / "Unable to locate package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wait_tcp() {    # wait_tcp PORT [TIMEOUT_S]
  local deadline=$((SECONDS + ${2:-30}))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "timeout waiting for 127.0.0.1:$1" >&2; return 1; }
    sleep 0.1
  done
}

pid_alive() {   # true if PID exists and is not a zombie
  local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [[ $s != Z* ]]
}

stop_pid() {    # stop_pid PID [TIMEOUT_S]: SIGTERM, wait, SIGKILL if still alive
  local pid=${1:-} deadline=$((SECONDS + ${2:-20}))
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  while pid_alive "$pid"; do
    if [ "$SECONDS" -ge "$deadline" ]; then kill -KILL "$pid" 2>/dev/null; break; fi
    sleep 0.1
  done
}

_peer_dir() { local d="$PEERS_DIR/$1"; rm -rf "$d"; mkdir -p "$d"; chmod 755 "$PEERS_DIR" "$d"; echo "$d"; }
_fail() { echo "$1 failed to start; log:" >&2; tail -n 40 "$2" >&2; return 1; }

# ---------- 5. PostgreSQL 15 (apt: postgresql-15; preinstalled on this image) ----------
# start_postgres PORT   trust auth, user postgres, TCP 127.0.0.1:PORT, socket in the data dir's parent
start_postgres() {
  local port=$1 bin=/usr/lib/postgresql/15/bin
  local d; d=$(_peer_dir "postgres-$port"); chown postgres:postgres "$d"   # postgres refuses to run as root
  runuser -u postgres -- "$bin/initdb" -D "$d/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    > "$d/initdb.log" 2>&1 || _fail initdb "$d/initdb.log" || return 1
  runuser -u postgres -- "$bin/pg_ctl" -D "$d/data" -l "$d/server.log" -w -t 60 \
    -o "-p $port -k $d -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start > "$d/pg_ctl.log" 2>&1 || _fail postgres "$d/server.log" || return 1
  head -1 "$d/data/postmaster.pid" | tee "$d/pid"   # postmaster PID; SIGTERM=smart, SIGINT=fast, SIGQUIT=immediate
}

# ---------- 7. Fluentd forward protocol: no fluentd/fluent-bit in Debian -> python3-msgpack sink ----------
start_forward_sink() {   # start_forward_sink PORT   events -> $PEERS_DIR/forward-PORT/events.jsonl
  local d; d=$(_peer_dir "forward-$1")
  /usr/bin/python3 "$PEERS_SRC/forward_sink.py" "$1" "$d/events.jsonl" > "$d/sink.log" 2>&1 < /dev/null &
  local pid=$!; echo "$pid" > "$d/pid"
  wait_tcp "$1" 10 || _fail forward-sink "$d/sink.log" || return 1
  echo "$pid"
}

# ---------- stop everything started from this PEERS_DIR ----------
stop_all_peers() {
  local f pid
  for f in "$PEERS_DIR"/*/pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    case "$f" in
      */postgres-*) kill -INT "$pid" 2>/dev/null; stop_pid "$pid" 20 ;;   # SIGINT = fast shutdown
      *) stop_pid "$pid" 20 ;;
    esac
    rm -f "$f"
  done
}
