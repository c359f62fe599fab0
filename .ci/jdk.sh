# Sourced by ./test.sh and bench/run.sh: selects a JDK >= 21 into JAVA_HOME (JAVA_HOME if it is >= 21, else `java`
# on the PATH, else the newest JDK >= 21 under /usr/lib/jvm); the machine's default may be older.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }

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
    printf 'no JDK >= 21 found; install one (e.g. apt-get install -y openjdk-21-jdk-headless) or set JAVA_HOME\n' >&2
    exit 1
  fi
  export JAVA_HOME="$best"
}
