#!/usr/bin/env bash
# Local infrastructure: Anvil + Redis + Kafka, without Docker.
#
#   deploy/local/stack.sh start|stop|status [run|test|chaos]     (profile default: run)
#
#   run : anvil 8545,  redis 6379 (an existing redis there is reused), kafka 9092/9093
#   test: anvil 18545, redis 16379, kafka 19092/19093, retention 1h, kafka data
#         wiped on stop so every test run starts clean
#   chaos: anvil 28545, redis 26379 (AOF), kafka 29092/29093, data kept across a broker restart (make chaos)
#
# Ports and everything else can be overridden from the environment (ANVIL_PORT,
# KAFKA_PORT, KAFKA_CONTROLLER_PORT, REDIS_PORT, REDIS_REUSE, KAFKA_RETENTION_MS,
# STATE_DIR, ...). Logs: $STATE_DIR/logs/*.log, pids: $STATE_DIR/pids/*.pid,
# STATE_DIR defaults to <repo>/.local/<profile>/.
set -euo pipefail
COMPONENT=stack
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

now_ms() { date +%s%3N; }

start() {
  local t0 kafka_out kafka_job rc=0
  t0=$(now_ms)
  # Kafka takes longest: boot it in the background while anvil and redis start.
  kafka_out=$(mktemp "$LOG_DIR/.kafka-start.XXXXXX")
  "$LOCAL_DIR/kafka.sh" start "$PROFILE" >"$kafka_out" 2>&1 &
  kafka_job=$!
  "$LOCAL_DIR/anvil.sh" start "$PROFILE" || rc=1
  # a stack start is a new devnet chain: the previous journal (nonces, plans) is void there
  REDIS_FRESH=1 "$LOCAL_DIR/redis.sh" start "$PROFILE" || rc=1
  wait "$kafka_job" || rc=1
  cat "$kafka_out"
  rm -f "$kafka_out"
  if ((rc != 0)); then
    die "start failed (logs: $LOG_DIR); clean up with: $0 stop $PROFILE"
  fi
  say "$PROFILE profile up in $(elapsed "$t0")s (state: $STATE_DIR)"
}

stop() {
  local t0 rc=0 c
  t0=$(now_ms)
  for c in kafka anvil redis; do
    "$LOCAL_DIR/$c.sh" stop "$PROFILE" || rc=1
  done
  rm -f "$LOG_DIR"/.kafka-start.*
  ((rc == 0)) || die "stop incomplete, see the messages above"
  say "$PROFILE profile stopped in $(elapsed "$t0")s"
}

status() {
  local rc=0 c
  for c in anvil redis kafka; do
    "$LOCAL_DIR/$c.sh" status "$PROFILE" || rc=3
  done
  return "$rc"
}

elapsed() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

[[ $# -ge 1 && $# -le 2 ]] || usage
load_profile "${2:-}"
case "$1" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
