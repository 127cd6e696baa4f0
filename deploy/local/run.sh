#!/usr/bin/env bash
# `make run`: infrastructure + devnet + the three services in the foreground; Ctrl-C stops all it started.
set -euo pipefail
COMPONENT=run
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_profile run

stopping=0
shutdown() {
  ((stopping)) && return
  stopping=1
  trap - INT TERM EXIT
  # the terminal (or a pipe like `| tee`) may already be gone: never let SIGPIPE cut the clean-up short
  trap '' PIPE
  say "stopping…" 2>/dev/null || true
  "$LOCAL_DIR/services.sh" stop run || true
  "$LOCAL_DIR/stack.sh" stop run || true
  rm -f "$(pid_file run)"
}
trap shutdown INT TERM EXIT

printf '%s\n' "$$" >"$(pid_file run)" # lets `make stop` end this driver too
t0=$SECONDS
"$LOCAL_DIR/stack.sh" start run
"$LOCAL_DIR/services.sh" start run
cat <<MSG

LRT Yield Aggregator is up in $((SECONDS - t0)) s (logs: $LOG_DIR)
  devnet      http://127.0.0.1:8084/api/v1/catalogue
  prices      http://127.0.0.1:8081/api/v1/prices       (SSE: /api/v1/prices/stream)
  yields      http://127.0.0.1:8082/api/v1/yields       (SSE: /api/v1/yields/stream)
  decisions   http://127.0.0.1:8083/api/v1/decisions
  chain       http://127.0.0.1:$ANVIL_PORT (Anvil)   kafka 127.0.0.1:$KAFKA_PORT   redis 127.0.0.1:$REDIS_PORT
Press Ctrl-C to stop everything.
MSG
while :; do
  sleep 1 &
  wait $! || true
done
