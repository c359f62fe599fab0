#!/usr/bin/env bash
# Builds the bench module and runs the benchmarks. Loopback only; every run is bounded and stops
# by itself; results land in bench/results/. Not part of `mvn verify` or CI.
#
#   bench/run.sh                      # overhead, capacity and codec
#   bench/run.sh overhead capacity    # a selection
#   bench/run.sh hub                  # the packaged hub on a fresh PostgreSQL database (not in the default set)
#   bench/run.sh notify               # POST /qfpay/notify through the packaged hub vs a bare handler (idem)
#   bench/run.sh soak                 # failover soak: two packaged hubs on one fresh PostgreSQL database, 50
#                                     # payments/refunds each killed (SIGKILL) at a random point on the hub
#                                     # driving it and restarted; asserts 0 lost, 0 sent twice (idem)
#   bench/run.sh hub-capacity         # 5,000 payments in flight at once through the packaged hub's REST API
#                                     # (5,000 simulated terminals, 30 s card wait, hub at -Xmx256m, PostgreSQL)
#   bench/run.sh flood                # payment latency through the packaged hub with and without a flood of
#                                     # unsigned notifications, side by side (idem)
#   bench/run.sh startup              # the packaged hub's time to ready and idle RSS with and without the JDK's
#                                     # AOT cache, side by side (ADR 0029; builds the aot-jar + app.aot with
#                                     # -Paot if absent; H2 unless STARTUP_DB=pg) (idem)
#
# Extra arguments per benchmark (see each main class's Javadoc):
#   OVERHEAD_ARGS="--n 2000 --warmup 1000"
#   CAPACITY_ARGS="--steps 1000,2000,5000 --card-wait-ms 30000 --transport https --window 32"
#   CODEC_ARGS="-wi 3 -i 5"           (JMH options)
#   HUB_ARGS="--n 1000 --warmup 3000 --client raw|jdk"   (HubOverheadBench); WRK_ARGS="-t2 -c16 -d10s"
#   NOTIFY_ARGS="--requests 100000 --warmup 100000 --concurrency 32 --duplicates 0.10"   (NotifyIntakeBench)
#   HUB_CAPACITY_ARGS="--terminals 5000 --card-wait-ms 30000 --concurrency 64"   (HubCapacityBench)
#   SOAK_ARGS="--iterations 50 --max-wait-ms 4000 --seed 42"   (KillLoopSoak)
#   FLOOD_ARGS="--n 200 --block 20 --warmup 300 --flood-concurrency 16 --body-bytes 60000"   (FloodBench)
#   HUB_JAVA_OPTS="-XX:StartFlightRecording=..."   (extra JVM options for the hub process)
#   HUB_AOT=1                         hub, hub-capacity, notify, flood: run the hub with -XX:AOTCache=app.aot (needs the -Paot
#                                     build; e.g. HUB_AOT=1 NOTIFY_ARGS="--warmup 20000" bench/run.sh notify)
#   STARTUP_ARGS="--runs 5 --idle-s 10 --baseline-dir DIR"   (StartupBench; DIR: a fast-jar quarkus-app copy)
#   STARTUP_DB=pg                     startup on a fresh PostgreSQL database instead of the embedded H2
#   PGHOST=127.0.0.1 PGUSER=postgres  (the hub and notify targets create and drop ecrhub_bench_<pid>)
#   SKIP_BUILD=1                      reuse bench/target/ecrhub-bench.jar
#   HUB_JAR=<dir>/quarkus-run.jar     hub, notify, flood, hub-capacity: run another build of the hub (e.g. the
#                                     commit before a change, for a before/after pair on one box)
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[bench] %s\n' "$*"; }

# pick_jdk: the same rule as ./test.sh
# shellcheck source=../.ci/jdk.sh
source .ci/jdk.sh

pick_jdk
JAVA="$JAVA_HOME/bin/java"
log "JAVA_HOME=$JAVA_HOME ($("$JAVA" -version 2>&1 | head -1))"
JAR=bench/target/ecrhub-bench.jar
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$JAR" ]]; then
  log "building: ./mvnw -B -q -DskipTests package -pl bench -am"
  ./mvnw -B -q -DskipTests package -pl bench -am
fi

# Netty 4.1 uses sun.misc.Unsafe; JDK 24+ warns about it unless allowed explicitly.
JVM_OPTS=()
if [[ "$(java_major "$JAVA")" -ge 24 ]]; then JVM_OPTS+=(--sun-misc-unsafe-memory-access=allow); fi
mkdir -p bench/results

overhead() {
  log "channel overhead: java -cp $JAR io.ecrhub.bench.ChannelOverheadBench ${OVERHEAD_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.ChannelOverheadBench ${OVERHEAD_ARGS:-}
}

capacity() {
  # One socket per in-flight payment here, two per terminal in the simulator JVM (listener and
  # accepted connection): raise the soft descriptor limit to the hard one (the JVM does too).
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  log "open files limit: $(ulimit -n); local ports: $(cat /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null | tr '\t' '-')"
  log "capacity: java -Xmx256m -cp $JAR io.ecrhub.bench.CapacityBench ${CAPACITY_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" -Xmx256m "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.CapacityBench ${CAPACITY_ARGS:-}
}

codec() {
  local out fork=()
  out="bench/results/codec-$(date -u +%Y%m%d-%H%M%S).json"
  if [[ ${#JVM_OPTS[@]} -gt 0 ]]; then fork=(-jvmArgsAppend "${JVM_OPTS[*]}"); fi
  log "codec (JMH): java -jar $JAR EcrCodecBench ${CODEC_ARGS:-} -rf json -rff $out"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -jar "$JAR" EcrCodecBench ${CODEC_ARGS:-} "${fork[@]}" -rf json -rff "$out"
}

# -XX:AOTCache for the hub when HUB_AOT=1 (the cache must come from this JDK build: ADR 0029)
AOT_OPTS=()
if [[ "${HUB_AOT:-}" == 1 ]]; then
  if [[ ! -f app/target/quarkus-app/app.aot ]]; then
    log "HUB_AOT=1 but app/target/quarkus-app/app.aot is missing: ./mvnw -B -Paot verify -pl app -am -DskipTests"
    exit 1
  fi
  AOT_OPTS=("-XX:AOTCache=$PWD/app/target/quarkus-app/app.aot")
  log "the hub runs with ${AOT_OPTS[*]}"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

HUB_PID="" HUB_CLEANUP_DB="" HUB_CLEANUP_FILE=""
# Stops the hub started by `hub` (by its pid) and drops its database; runs on any exit too.
hub_cleanup() {
  if [[ -n "$HUB_PID" ]]; then
    log "stopping the hub (pid $HUB_PID)"
    kill "$HUB_PID" 2>/dev/null || true
    wait "$HUB_PID" 2>/dev/null || true
    HUB_PID=""
  fi
  if [[ -n "$HUB_CLEANUP_DB" ]]; then
    log "dropping database $HUB_CLEANUP_DB"
    dropdb -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" --if-exists "$HUB_CLEANUP_DB" || true
    HUB_CLEANUP_DB=""
  fi
  if [[ -n "$HUB_CLEANUP_FILE" ]]; then rm -f "$HUB_CLEANUP_FILE"; HUB_CLEANUP_FILE=""; fi
}

HUB_JAR="${HUB_JAR:-app/target/quarkus-app/quarkus-run.jar}"

# Packages the hub unless app/target holds it already.
build_hub() {
  if [[ ! -f "$HUB_JAR" ]]; then
    log "building the hub: ./mvnw -B -q package -DskipTests -pl app -am"
    ./mvnw -B -q package -DskipTests -pl app -am
  fi
}

# start_hub NAME HEAP [VAR=value ...]: the packaged hub (prod profile, at -XmxHEAP, the VAR=value
# settings added to its environment) on a fresh PostgreSQL database and two free loopback ports
# (the API, and the management interface with health and metrics: ADR 0010), logging to
# bench/results/NAME-<stamp>.log; returns once it is ready (120 s at most). It sets HUB_PORT,
# HUB_MPORT, HUB_DB, HUB_STAMP and HUB_PID; hub_cleanup (also on exit) stops it and drops the
# database.
start_hub() {
  local name="$1" heap="$2"
  shift 2
  local pghost="${PGHOST:-127.0.0.1}" pguser="${PGUSER:-postgres}"
  HUB_DB="ecrhub_bench_$$"
  HUB_PORT="$(free_port)"
  HUB_MPORT="$(free_port)"
  HUB_STAMP="$(date -u +%Y%m%d-%H%M%S)"
  local hub_log="bench/results/$name-$HUB_STAMP.log"
  log "creating database $HUB_DB on $pghost"
  createdb -h "$pghost" -U "$pguser" "$HUB_DB"
  HUB_CLEANUP_DB="$HUB_DB"
  trap hub_cleanup EXIT
  log "starting the hub at -Xmx$heap on 127.0.0.1:$HUB_PORT (log: $hub_log)"
  # shellcheck disable=SC2086
  env ECRHUB_DB_URL="jdbc:postgresql://$pghost:5432/$HUB_DB" ECRHUB_DB_USER="$pguser" ECRHUB_DB_PASSWORD="" \
    ECRHUB_SECRETS_MASTER_KEY="$(openssl rand -base64 32)" "$@" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$HUB_PORT" QUARKUS_MANAGEMENT_PORT="$HUB_MPORT" QUARKUS_LOG_LEVEL=WARN \
    "$JAVA" "${JVM_OPTS[@]}" "-Xmx$heap" ${HUB_JAVA_OPTS:-} "${AOT_OPTS[@]}" -jar "$HUB_JAR" >"$hub_log" 2>&1 &
  HUB_PID=$!
  local i
  for ((i = 0; i < 120; i++)); do
    if curl -sf "http://127.0.0.1:$HUB_MPORT/q/health/ready" >/dev/null; then break; fi
    if ! kill -0 "$HUB_PID" 2>/dev/null; then log "the hub exited; see $hub_log"; return 1; fi
    sleep 1
  done
  curl -sf "http://127.0.0.1:$HUB_MPORT/q/health/ready" >/dev/null || { log "hub not ready after 120 s"; return 1; }
}

# The packaged hub (prod profile) on a fresh PostgreSQL database and a free loopback port:
# HubOverheadBench (hub vs direct round trip), then wrk on GET /api/v1/payments/{id}. The hub is
# stopped and the database dropped on the way out, whatever happens.
hub() {
  build_hub
  if ! command -v wrk >/dev/null; then
    log "installing wrk: apt-get install -y wrk"
    apt-get install -y wrk >/dev/null
  fi
  local key idfile
  key="bench-$(openssl rand -hex 24)"
  idfile="$(mktemp)"
  HUB_CLEANUP_FILE="$idfile"
  start_hub hub 512m ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY="$key"
  local port="$HUB_PORT" stamp="$HUB_STAMP"
  log "load: $(uptime)"
  log "hub overhead: java -cp $JAR io.ecrhub.bench.hub.HubOverheadBench --hub http://127.0.0.1:$port ${HUB_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.hub.HubOverheadBench \
    --hub "http://127.0.0.1:$port" --key "$key" --id-file "$idfile" ${HUB_ARGS:-}
  local pid_read
  pid_read="$(tr -d '[:space:]' <"$idfile")"
  log "load: $(uptime)"
  log "wrk ${WRK_ARGS:--t2 -c16 -d10s} GET /api/v1/payments/$pid_read"
  # shellcheck disable=SC2086
  wrk ${WRK_ARGS:--t2 -c16 -d10s} --latency -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port/api/v1/payments/$pid_read" | tee "bench/results/hub-wrk-$stamp.txt"
  curl -s -o /dev/null -w "[bench] check: GET status %{http_code}\n" -H "Authorization: Bearer $key" \
    "http://127.0.0.1:$port/api/v1/payments/$pid_read"
  log "load: $(uptime)"
  hub_cleanup
  trap - EXIT
}

# POST /qfpay/notify through the packaged hub (fresh PostgreSQL database, free loopback port, the
# bench's notification key) against the bare verify-and-answer handler NotifyIntakeBench starts;
# see bench/notify-intake.md. The hub is stopped and the database dropped on the way out.
notify() {
  build_hub
  start_hub notify-hub 512m ECRHUB_NOTIFY_KEYS=my_qfpay_notification_key
  local pghost="${PGHOST:-127.0.0.1}" pguser="${PGUSER:-postgres}" db="$HUB_DB" port="$HUB_PORT" stamp="$HUB_STAMP"
  local args="${NOTIFY_ARGS:---requests 100000 --warmup 100000 --concurrency 32 --duplicates 0.10}"
  log "load: $(uptime)"
  log "notify intake: java -cp $JAR io.ecrhub.bench.notify.NotifyIntakeBench --hub http://127.0.0.1:$port/qfpay/notify $args"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.notify.NotifyIntakeBench \
    --hub "http://127.0.0.1:$port/qfpay/notify" $args | tee "bench/results/notify-$stamp.txt"
  log "load: $(uptime)"
  # Every notification answered SUCCESS must be in the inbox exactly once (the unique key keeps
  # duplicates out; this catches a lost one).
  local sent stored
  sent="$(sed -n 's/^distinct notifications sent to the hub: //p' "bench/results/notify-$stamp.txt")"
  stored="$(psql -h "$pghost" -U "$pguser" -d "$db" -Atc "SELECT count(*) FROM notification_inbox WHERE status <> 'REJECTED'")"
  echo "inbox after the run: $stored stored, $sent distinct sent" | tee -a "bench/results/notify-$stamp.txt"
  if [[ "$sent" != "$stored" ]]; then log "MISMATCH: the inbox does not hold every notification exactly once"; fi
  hub_cleanup
  trap - EXIT
}

# Payments through the packaged hub (fresh PostgreSQL database, free loopback port) without and with
# a flood of unsigned ~60 KB notifications on its public /qfpay/notify, in alternating blocks
# (FloodBench); the database's size before and after the run shows what the flood stored (ADR 0009).
flood() {
  build_hub
  local key
  key="bench-$(openssl rand -hex 24)"
  start_hub flood-hub 512m ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY="$key" ECRHUB_NOTIFY_KEYS=my_qfpay_notification_key
  local pghost="${PGHOST:-127.0.0.1}" pguser="${PGUSER:-postgres}" db="$HUB_DB" port="$HUB_PORT" mport="$HUB_MPORT"
  local stamp="$HUB_STAMP" out="bench/results/flood-$HUB_STAMP.txt"
  local size_sql="SELECT pg_database_size(current_database())"
  { echo "uptime before: $(uptime)"
    echo "database size before: $(psql -h "$pghost" -U "$pguser" -d "$db" -Atc "$size_sql") bytes"; } | tee "$out"
  log "flood: java -cp $JAR io.ecrhub.bench.hub.FloodBench --hub http://127.0.0.1:$port ${FLOOD_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.hub.FloodBench \
    --hub "http://127.0.0.1:$port" --key "$key" ${FLOOD_ARGS:-} | tee -a "$out"
  { echo "uptime after: $(uptime)"
    echo "database size after: $(psql -h "$pghost" -U "$pguser" -d "$db" -Atc "$size_sql") bytes"
    echo "rejected rows stored: $(psql -h "$pghost" -U "$pguser" -d "$db" -Atc "SELECT count(*) FROM notification_inbox WHERE status = 'REJECTED'")"
    echo "intake metrics:"; curl -s "http://127.0.0.1:$mport/q/metrics" | grep -E '^ecrhub_notify_(received|rejected)_total' ; } | tee -a "$out"
  hub_cleanup
  trap - EXIT
}

# The kill-loop soak (KillLoopSoak): the driver starts, kills (SIGKILL) and restarts the two hubs itself
# on a fresh PostgreSQL database, dropped on the way out; hub logs go to bench/results/soak-soak-*.log.
# The packaged hub at -Xmx256m on a fresh PostgreSQL database: HubCapacityBench registers 5,000
# simulated terminals (a farm in its own JVM) and opens one payment on each through the REST API,
# all at once; it reports the peak the terminals held, the outcomes, the hub's threads and its heap
# after a full GC (jcmd). The hub is stopped and the database dropped on the way out.
hub_capacity() {
  build_hub
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  local key
  key="bench-$(openssl rand -hex 24)"
  start_hub hub-capacity-hub 256m ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY="$key"
  local port="$HUB_PORT" mport="$HUB_MPORT"
  log "load: $(uptime)"
  log "hub capacity: java -cp $JAR io.ecrhub.bench.hub.HubCapacityBench ${HUB_CAPACITY_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.hub.HubCapacityBench --hub "http://127.0.0.1:$port" \
    --key "$key" --metrics "http://127.0.0.1:$mport/q/metrics" --hub-pid "$HUB_PID" ${HUB_CAPACITY_ARGS:-}
  log "load: $(uptime)"
  hub_cleanup
  trap - EXIT
}

soak() {
  build_hub
  local pghost="${PGHOST:-127.0.0.1}" pguser="${PGUSER:-postgres}" db="ecrhub_bench_$$"
  log "creating database $db on $pghost"
  createdb -h "$pghost" -U "$pguser" "$db"
  HUB_CLEANUP_DB="$db"
  trap hub_cleanup EXIT
  log "load: $(uptime)"
  log "soak: java -cp $JAR io.ecrhub.bench.hub.KillLoopSoak --db-url jdbc:postgresql://$pghost:5432/$db ${SOAK_ARGS:-}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.hub.KillLoopSoak ${SOAK_ARGS:-} \
    --hub-jar "$HUB_JAR" --db-url "jdbc:postgresql://$pghost:5432/$db" --db-user "$pguser"
  log "load: $(uptime)"
  hub_cleanup
  trap - EXIT
}

# Start-up with and without the AOT cache (StartupBench): the aot-jar build with its trained app.aot (the
# -Paot build, run here if the cache is missing), each variant started STARTUP_ARGS' --runs times in turn.
startup() {
  local cache=app/target/quarkus-app/app.aot
  if [[ " ${STARTUP_ARGS:-} " != *" --hub-dir "* && ! -f "$cache" ]]; then
    log "building the aot-jar and training its cache: ./mvnw -B -q -Paot verify -pl app -am -DskipTests"
    ./mvnw -B -q -Paot verify -pl app -am -DskipTests
  fi
  local db_args=()
  if [[ "${STARTUP_DB:-h2}" == pg ]]; then
    local pghost="${PGHOST:-127.0.0.1}" pguser="${PGUSER:-postgres}" db="ecrhub_bench_$$"
    log "creating database $db on $pghost"
    createdb -h "$pghost" -U "$pguser" "$db"
    HUB_CLEANUP_DB="$db"
    trap hub_cleanup EXIT
    db_args=(--db-url "jdbc:postgresql://$pghost:5432/$db" --db-user "$pguser")
  fi
  log "load: $(uptime)"
  log "startup: java -cp $JAR io.ecrhub.bench.hub.StartupBench --java $JAVA ${STARTUP_ARGS:-} ${db_args[*]}"
  # shellcheck disable=SC2086
  "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.ecrhub.bench.hub.StartupBench --java "$JAVA" \
    --jvm-opts "${JVM_OPTS[*]} ${HUB_JAVA_OPTS:-}" ${STARTUP_ARGS:-} "${db_args[@]}"
  log "load: $(uptime)"
  hub_cleanup
  trap - EXIT
}

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(overhead capacity codec); fi
for t in "${targets[@]}"; do
  case "$t" in
    overhead | capacity | codec | hub | notify | flood | soak | startup) "$t" ;;
    hub-capacity) hub_capacity ;;
    *) log "unknown benchmark '$t' (overhead, capacity, codec, hub, hub-capacity, notify, flood, soak, startup)"; exit 2 ;;
  esac
done
