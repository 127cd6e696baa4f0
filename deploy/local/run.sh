#!/usr/bin/env bash
# `make run`: infrastructure + devnet + the three services in the foreground; Ctrl-C stops all it started. The rebalancer
# executes its plans on the devnet (approval auto unless PLAN_APPROVAL=manual; EXECUTION_ENABLED=false decides only).
set -euo pipefail
COMPONENT=run
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_profile run

stopping=0
# Ctrl-C, `make stop` (TERM), a closed terminal (HUP) or any exit: stop everything this run started. The terminal may
# already be gone, so the details go to a log file and nothing here may die of SIGPIPE or a second Ctrl-C.
shutdown() {
  ((stopping)) && return
  stopping=1
  trap '' INT TERM HUP PIPE
  rm -f "$(pid_file run)"
  printf '\nstopping… (details: %s)\n' "$LOG_DIR/stop.log" 2>/dev/null || true
  {
    "$LOCAL_DIR/services.sh" stop run
    "$LOCAL_DIR/stack.sh" stop run
  } >>"$LOG_DIR/stop.log" 2>&1 || printf 'stop incomplete, see %s\n' "$LOG_DIR/stop.log" 2>/dev/null || true
  printf 'stopped.\n' 2>/dev/null || true
  trap - EXIT
  exit 0
}
trap shutdown INT TERM HUP EXIT

printf '%s\n' "$$" >"$(pid_file run)" # lets `make stop` end this driver too
t0=$SECONDS
"$LOCAL_DIR/stack.sh" start run
"$LOCAL_DIR/services.sh" start run
if [[ $EXECUTION_ENABLED != true ]]; then
  execution="execution   off (EXECUTION_ENABLED=$EXECUTION_ENABLED): plans are proposed, never sent"
elif [[ $PLAN_APPROVAL == auto ]]; then
  execution="execution   approval auto: each plan runs as proposed, signed by the devnet strategist (keystore in $STATE_DIR/signer)
              manual instead: PLAN_APPROVAL=manual make run, then approve with an operator token:
              curl -X POST -H \"Authorization: Bearer \$(make -s token ROLE=operator)\" http://127.0.0.1:8083/api/v1/admin/plans/<id>/approve"
else
  execution="execution   approval $PLAN_APPROVAL: a plan waits for an operator (signed by the devnet strategist once approved):
              curl -X POST -H \"Authorization: Bearer \$(make -s token ROLE=operator)\" http://127.0.0.1:8083/api/v1/admin/plans/<id>/approve"
fi
cat <<MSG

LRT Yield Aggregator is up in $((SECONDS - t0)) s (logs: $LOG_DIR)
  console     http://127.0.0.1:8080/   (operator console: live views, approvals with a token from make token ROLE=operator)
  devnet      http://127.0.0.1:8084/api/v1/catalogue
  prices      http://127.0.0.1:8081/api/v1/prices       (SSE: /api/v1/prices/stream)
  yields      http://127.0.0.1:8082/api/v1/yields       (SSE: /api/v1/yields/stream)
  decisions   http://127.0.0.1:8083/api/v1/decisions
  plans       http://127.0.0.1:8083/api/v1/plans
  executions  http://127.0.0.1:8083/api/v1/executions   (transactions per plan: status, nonce, hash)
  $execution
  chain       http://127.0.0.1:$ANVIL_PORT (Anvil)   kafka 127.0.0.1:$KAFKA_PORT   redis 127.0.0.1:$REDIS_PORT
Press Ctrl-C to stop everything.
MSG
while :; do
  sleep 1 &
  wait $! || true
done
