#!/usr/bin/env bash
# The README's test command: sets up what the suite needs on a Debian/Ubuntu machine with a JDK >= 21, then runs
# every module's tests (./mvnw -B verify; extra arguments are passed on, e.g. ./test.sh -DskipPgTests).
# - selects a JDK >= 21 (the machine default may be older)
# - installs what is missing with apt-get (as root, or through sudo): socat (serial-link tests over a pty pair),
#   chromium + chromium-driver (the web console's browser tests; no tool may download a browser), PostgreSQL
# - PostgreSQL: uses the server on 127.0.0.1:5432 (user postgres, no password); if nothing answers there it starts
#   the machine's cluster (pg_ctlcluster), else a throw-away cluster of its own (trust auth on 127.0.0.1 only,
#   stopped and deleted when the script ends)
# .ci/run runs exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

PG_PORT="${ECRHUB_TEST_PG_PORT:-5432}"
log() { printf '[test.sh] %s\n' "$*"; }
die() { log "$*"; exit 1; }

# shellcheck source=.ci/jdk.sh
source .ci/jdk.sh

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@";
  elif command -v sudo >/dev/null; then sudo "$@";
  else die "need root to run: $* (install it yourself, or run this script as root)"; fi
}

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null || die "missing: $*; this script installs with apt-get (Debian/Ubuntu): install them yourself"
  log "installing $*"
  if [[ -z "$APT_UPDATED" ]]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v socat >/dev/null || missing+=(socat)
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [[ ${#missing[@]} -gt 0 ]]; then apt_install "${missing[@]}"; fi
  # the web till's TypeScript example is type-checked and run by WebTillExampleTest
  (cd examples/web-till && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || die "npm ci in examples/web-till failed (the npm registry must be reachable once)"
}

pg_answers() {
  if command -v pg_isready >/dev/null; then
    pg_isready -h 127.0.0.1 -p "$PG_PORT" -q 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null
  fi
}

wait_for_pg() {
  for _ in $(seq 1 30); do pg_answers && return 0; sleep 1; done
  return 1
}

PG_OWN=""
PG_BIN=""
stop_own_pg() {
  if [[ -n "$PG_OWN" ]]; then
    log "stopping the throw-away PostgreSQL cluster"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_OWN/data" -m fast -w stop >/dev/null 2>&1 || true
    as_root rm -rf "$PG_OWN"
  fi
}

pg_as_owner() {
  # initdb and postgres refuse to run as root: as root, the cluster belongs to the postgres system user
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
  if pg_answers; then
    log "PostgreSQL answers on 127.0.0.1:$PG_PORT"
    return
  fi
  if [[ "$PG_PORT" == 5432 ]] && command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]] && [[ -n "$(ls /etc/postgresql)" ]]; then
    log "PostgreSQL not answering on 127.0.0.1:5432; starting the machine's cluster"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    if wait_for_pg; then return; fi
  fi
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [[ -z "$PG_BIN" ]]; then
    apt_install postgresql
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    # the package may have created and started its own cluster on 5432 (password auth): use it only if the
    # suite can log in, else stop it and start the throw-away cluster in its place
    if pg_answers; then
      if psql_trust_works; then return; fi
      as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop || true
    fi
  fi
  PG_OWN="$(mktemp -d "${TMPDIR:-/tmp}/ecrhub-test-postgres.XXXXXX")"
  trap stop_own_pg EXIT
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres "$PG_OWN"; fi
  log "starting a throw-away PostgreSQL cluster on 127.0.0.1:$PG_PORT ($PG_OWN)"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_OWN/data" -U postgres -A trust -E UTF8 >/dev/null
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_OWN/data" -l "$PG_OWN/server.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_OWN" start >/dev/null
  wait_for_pg || die "the throw-away PostgreSQL did not start; see $PG_OWN/server.log"
}

psql_trust_works() {
  command -v psql >/dev/null && PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -w -c 'select 1' postgres >/dev/null 2>&1
}

setup() {
  pick_jdk
  log "JAVA_HOME=$JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
  ensure_tools
  ensure_postgres
  if [[ "$PG_PORT" != 5432 ]]; then
    export ECRHUB_TEST_PG_ADMIN_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  fi
}

setup
log "running: ./mvnw -B verify $*"
./mvnw -B verify "$@"
