#!/usr/bin/env bash
# Builds the bench module and runs the benchmarks. Loopback only; every run is bounded and stops
# by itself; results land in bench/results/. Not part of `mvn verify` or CI.
#
#   bench/run.sh                      # overhead, capacity and codec
#   bench/run.sh overhead capacity    # a selection
#
# Extra arguments per benchmark (see each main class's Javadoc):
#   OVERHEAD_ARGS="--n 2000 --warmup 1000"
#   CAPACITY_ARGS="--steps 1000,2000,5000 --card-wait-ms 30000 --transport https --window 32"
#   CODEC_ARGS="-wi 3 -i 5"           (JMH options)
#   SKIP_BUILD=1                      reuse bench/target/ecrhub-bench.jar
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[bench] %s\n' "$*"; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }

# Same rule as .ci/run: JAVA_HOME if it is >= 21, else `java` on the PATH, else the newest JDK >= 21.
pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]]; then
    return
  fi
  if command -v java >/dev/null && [[ "$(java_major "$(command -v java)")" -ge 21 ]]; then
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    export JAVA_HOME
    return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [[ -x "$d/bin/javac" ]] || continue
    v="$(java_major "$d/bin/java")"
    if [[ "$v" =~ ^[0-9]+$ && "$v" -ge 21 && "$v" -gt "$best_v" ]]; then best="$d"; best_v="$v"; fi
  done
  if [[ -z "$best" ]]; then
    log "no JDK >= 21 found"
    exit 1
  fi
  export JAVA_HOME="$best"
}

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

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then targets=(overhead capacity codec); fi
for t in "${targets[@]}"; do
  case "$t" in
    overhead | capacity | codec) "$t" ;;
    *) log "unknown benchmark '$t' (overhead, capacity, codec)"; exit 2 ;;
  esac
done
