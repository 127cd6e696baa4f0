# shellcheck shell=bash
# Shared helpers for deploy/local/*.sh. Sourced, never executed.
#
# Profiles (the second argument of every script, default "run"):
#   run  : ANVIL_PORT=8545  KAFKA_PORT=9092  KAFKA_CONTROLLER_PORT=9093 REDIS_PORT=6379  REDIS_REUSE=1
#   test : ANVIL_PORT=18545 KAFKA_PORT=19092 KAFKA_CONTROLLER_PORT=19093 REDIS_PORT=16379 REDIS_REUSE=0
#   chaos: ANVIL_PORT=28545 KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093 REDIS_PORT=26379 REDIS_REUSE=0 (make chaos:
#          Redis keeps an AOF and Kafka its log across the restarts the suite inflicts; chaos.sh wipes both around a run)
# Every variable can be overridden from the environment. State (logs, pids, data)
# lives in $STATE_DIR, default <repo>/.local/<profile>/.

LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LOCAL_DIR/../.." && pwd)
COMPONENT=${COMPONENT:-stack}

say()  { printf '%-6s %s\n' "$COMPONENT" "$*"; }
warn() { printf '%-6s %s\n' "$COMPONENT" "$*" >&2; }
die()  { warn "error: $*"; exit 1; }

usage() {
  printf 'usage: %s start|stop|status [run|test|chaos]\n' "$(basename "$0")" >&2
  exit 2
}

# load_profile [run|test|chaos]: set the port/state defaults of a profile (env wins).
load_profile() {
  PROFILE=${1:-run}
  case "$PROFILE" in
    run)
      : "${ANVIL_PORT:=8545}" "${KAFKA_PORT:=9092}" "${KAFKA_CONTROLLER_PORT:=9093}"
      : "${REDIS_PORT:=6379}" "${REDIS_REUSE:=1}" "${REDIS_APPENDONLY:=yes}"
      : "${KAFKA_RETENTION_MS:=604800000}" "${KAFKA_EPHEMERAL:=0}"
      ;;
    test)
      : "${ANVIL_PORT:=18545}" "${KAFKA_PORT:=19092}" "${KAFKA_CONTROLLER_PORT:=19093}"
      : "${REDIS_PORT:=16379}" "${REDIS_REUSE:=0}" "${REDIS_APPENDONLY:=no}"
      : "${KAFKA_RETENTION_MS:=3600000}" "${KAFKA_EPHEMERAL:=1}"
      ;;
    chaos)
      : "${ANVIL_PORT:=28545}" "${KAFKA_PORT:=29092}" "${KAFKA_CONTROLLER_PORT:=29093}"
      : "${REDIS_PORT:=26379}" "${REDIS_REUSE:=0}" "${REDIS_APPENDONLY:=yes}"
      : "${KAFKA_RETENTION_MS:=3600000}" "${KAFKA_EPHEMERAL:=0}"
      ;;
    *) die "unknown profile '$PROFILE' (expected run, test or chaos)" ;;
  esac
  # Every profile runs the devnet chain, so the rebalancer executes its plans there (deploy/local/services.sh signs as
  # the devnet vault's strategist, Anvil's public dev account 2); the service's own defaults stay off / manual.
  # Anvil never reorganises: one confirmation (in a block) before the next action, where the service's default is 2.
  : "${EXECUTION_ENABLED:=true}" "${PLAN_APPROVAL:=auto}" "${EXECUTION_CONFIRMATIONS:=1}"
  : "${STATE_DIR:=$REPO_ROOT/.local/$PROFILE}"
  mkdir -p "$STATE_DIR"
  STATE_DIR=$(cd "$STATE_DIR" && pwd)
  LOG_DIR=$STATE_DIR/logs
  PID_DIR=$STATE_DIR/pids
  mkdir -p "$LOG_DIR" "$PID_DIR"
  export PROFILE STATE_DIR ANVIL_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT REDIS_PORT \
    REDIS_REUSE REDIS_APPENDONLY KAFKA_RETENTION_MS KAFKA_EPHEMERAL
}

require() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' not found on PATH"
  done
}

# ---------------------------------------------------------------- ports

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# port_owner PORT: the listening socket line(s), with process when visible.
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltnp "sport = :$1" 2>/dev/null || true
  fi
}

# ports_free_or_die PORT...: wait (max 5 s each) until nothing listens any more.
ports_free_or_die() {
  local port
  for port in "$@"; do
    if ! wait_for 5 "" port_closed "$port"; then
      die "port $port is still in use: $(port_owner "$port")"
    fi
  done
}
port_closed() { ! port_open "$1"; }

# ---------------------------------------------------------------- waiting

# wait_for SECONDS WATCH_PID CMD [ARGS...]
# Retry CMD every 0.25 s. Returns 0 when CMD succeeds, 1 on timeout and 2 as
# soon as WATCH_PID (if not empty) has exited.
wait_for() {
  local timeout=$1 watch=$2 deadline
  shift 2
  deadline=$((SECONDS + timeout))
  while :; do
    "$@" && return 0
    if [[ -n $watch ]] && ! pid_alive "$watch"; then return 2; fi
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
}

# log_tail FILE: last lines of a log, for failure messages.
log_tail() {
  [[ -f $1 ]] || return 0
  warn "---- last lines of $1 ----"
  tail -n "${2:-30}" "$1" >&2
  warn "----"
}

# ---------------------------------------------------------------- pids

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# pid_alive PID: process exists and is not a zombie.
pid_alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

# pid_matches PID TEXT: the process command line contains TEXT.
pid_matches() {
  [[ -r /proc/$1/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"
}

# live_pid NAME TEXT: print the pid recorded for NAME if that process is alive
# and its command line contains TEXT (guards against recycled pids).
live_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" && pid_matches "$pid" "$2" || return 1
  printf '%s\n' "$pid"
}

# pids_by_cmdline TEXT: live processes whose command line contains TEXT.
# Used when a pid file is missing (start died before writing it).
pids_by_cmdline() {
  local f pid
  for f in /proc/[0-9]*/cmdline; do
    pid=${f#/proc/}
    pid=${pid%/cmdline}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    pid_alive "$pid" 2>/dev/null && pid_matches "$pid" "$1" 2>/dev/null && printf '%s\n' "$pid"
  done
  return 0
}

# stop_process NAME TEXT [SCAN]: SIGTERM the process of NAME, wait up to
# STOP_TIMEOUT (15) s, then SIGKILL; remove the pid file. With SCAN=1 also stop
# processes found by command line when there is no usable pid file.
# Prints "stopped" or "not running".
stop_process() {
  local name=$1 text=$2 scan=${3:-0} pid pids=()
  if pid=$(live_pid "$name" "$text"); then
    pids=("$pid")
  elif [[ $scan == 1 ]]; then
    mapfile -t pids < <(pids_by_cmdline "$text")
  fi
  if ((${#pids[@]} == 0)); then
    rm -f "$(pid_file "$name")"
    echo "not running"
    return 0
  fi
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    if ! wait_for "${STOP_TIMEOUT:-15}" "" pid_gone "$pid"; then
      warn "$name (pid $pid) ignored SIGTERM for ${STOP_TIMEOUT:-15}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      wait_for 5 "" pid_gone "$pid" || die "could not kill $name (pid $pid)"
    fi
  done
  rm -f "$(pid_file "$name")"
  echo "stopped"
}
pid_gone() { ! pid_alive "$1"; }

# spawn NAME LOG CMD [ARGS...]: run CMD detached (own session, stdin closed,
# output to LOG) and record its pid. Prints the pid.
spawn() {
  local name=$1 log=$2 pid
  shift 2
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" </dev/null >"$log" 2>&1 &
  else
    nohup "$@" </dev/null >"$log" 2>&1 &
  fi
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  printf '%s\n' "$pid"
}
