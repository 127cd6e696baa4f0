#!/usr/bin/env bash
# Local Redis from the OS package (redis-server). The run profile keeps an append-only file (appendfsync always, as
# in Kubernetes: deploy/k8s/base/redis/redis.conf says why): a Redis restart mid-run replays it, so the execution journal survives; the test profile keeps
# nothing.
#
#   deploy/local/redis.sh start|stop|status [run|test|chaos]
#
# Environment: REDIS_PORT, REDIS_REUSE (1 = if something on REDIS_PORT already
# answers PING, use it and never stop it), REDIS_APPENDONLY (yes|no), REDIS_FRESH
# (1 = drop the append-only file before starting: stack.sh sets it, since each
# stack start is a new devnet chain and the old journal's nonces and plans are
# void there), STATE_DIR.
set -euo pipefail
COMPONENT=redis
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup() {
  load_profile "${1:-}"
  REDIS_DIR=$STATE_DIR/redis
  LOG=$LOG_DIR/redis.log
  REUSED_MARK=$PID_DIR/redis.reused
  # redis-server names itself "redis-server 127.0.0.1:PORT" once running.
  MATCH="redis-server 127.0.0.1:$REDIS_PORT"
}

ping_ok() {
  [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

# Install redis-server (and redis-tools) from Debian without starting the
# packaged service: a temporary policy-rc.d denies service starts.
install_redis() {
  local guard=/usr/sbin/policy-rc.d made_guard=0
  if [[ $(id -u) -ne 0 ]]; then
    warn "redis-server is not installed; install it with:"
    echo "sudo apt-get install -y redis-server" >&2
    exit 1
  fi
  require apt-get
  say "installing redis-server with apt-get ..."
  if [[ ! -e $guard ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$guard"
    chmod 755 "$guard"
    made_guard=1
  fi
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold redis-server; } \
    >"$LOG_DIR/redis-install.log" 2>&1; then
    ((made_guard == 0)) || rm -f "$guard"
    log_tail "$LOG_DIR/redis-install.log"
    die "apt-get install redis-server failed"
  fi
  ((made_guard == 0)) || rm -f "$guard"
  say "installed $(redis-server --version | cut -d' ' -f1-3)"
}

start() {
  local pid
  if pid=$(live_pid redis "$MATCH"); then
    wait_for 10 "$pid" ping_ok || die "redis (pid $pid) does not answer PING on port $REDIS_PORT"
    say "already running on 127.0.0.1:$REDIS_PORT (pid $pid)"
    return 0
  fi
  rm -f "$(pid_file redis)"
  command -v redis-server >/dev/null 2>&1 || install_redis
  require redis-cli
  if port_open "$REDIS_PORT"; then
    if [[ $REDIS_REUSE == 1 ]] && ping_ok; then
      touch "$REUSED_MARK"
      say "reusing the redis already on 127.0.0.1:$REDIS_PORT (not started here, stop leaves it running)"
      return 0
    fi
    die "port $REDIS_PORT is already in use: $(port_owner "$REDIS_PORT")"
  fi
  rm -f "$REUSED_MARK"
  mkdir -p "$REDIS_DIR"
  if [[ ${REDIS_FRESH:-0} == 1 ]]; then
    rm -rf "$REDIS_DIR/appendonlydir" "$REDIS_DIR"/appendonly*.aof
  fi
  : >"$LOG"
  if ! redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly "$REDIS_APPENDONLY" --appendfsync always \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "$LOG" --dir "$REDIS_DIR"; then
    log_tail "$LOG"
    die "redis-server failed to start"
  fi
  if ! wait_for 15 "" ping_ok; then
    log_tail "$LOG"
    die "redis did not answer PING on port $REDIS_PORT within 15s"
  fi
  # The daemon writes its pid file itself; it exists once PING works.
  wait_for 5 "" live_pid redis "$MATCH" >/dev/null || die "redis pid file $(pid_file redis) missing"
  say "ready on 127.0.0.1:$REDIS_PORT (pid $(live_pid redis "$MATCH"))"
}

stop() {
  local result
  if [[ -f $REUSED_MARK ]] && ! live_pid redis "$MATCH" >/dev/null; then
    rm -f "$REUSED_MARK"
    say "left running on 127.0.0.1:$REDIS_PORT (reused, not started here)"
    return 0
  fi
  result=$(stop_process redis "$MATCH")
  rm -f "$REUSED_MARK"
  ports_free_or_die "$REDIS_PORT"
  say "$result (port $REDIS_PORT)"
}

status() {
  local pid
  if pid=$(live_pid redis "$MATCH"); then
    if ping_ok; then
      say "running on 127.0.0.1:$REDIS_PORT (pid $pid)"
      return 0
    fi
    say "not answering PING on 127.0.0.1:$REDIS_PORT (pid $pid)"
    return 3
  fi
  if [[ -f $REUSED_MARK ]] && command -v redis-cli >/dev/null 2>&1 && ping_ok; then
    say "running on 127.0.0.1:$REDIS_PORT (reused, not started here)"
    return 0
  fi
  say "stopped (port $REDIS_PORT)"
  return 3
}

[[ $# -ge 1 && $# -le 2 ]] || usage
setup "${2:-}"
case "$1" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
