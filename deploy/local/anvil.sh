#!/usr/bin/env bash
# Local Anvil devnet (chain id 31337) from the pinned npm package
# @foundry-rs/anvil-linux-amd64 (package.json / package-lock.json at the repo root).
#
#   deploy/local/anvil.sh start|stop|status [run|test|chaos]
#
# Environment: ANVIL_PORT, ANVIL_BLOCK_TIME (seconds, default 1), STATE_DIR.
set -euo pipefail
COMPONENT=anvil
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ANVIL_BIN=$REPO_ROOT/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil

setup() {
  load_profile "${1:-}"
  : "${ANVIL_BLOCK_TIME:=1}"
  LOG=$LOG_DIR/anvil.log
  URL=http://127.0.0.1:$ANVIL_PORT
  MATCH="anvil --host 127.0.0.1 --port $ANVIL_PORT "
}

ensure_anvil() {
  [[ -x $ANVIL_BIN ]] && return 0
  require npm
  say "anvil binary missing, running npm ci in $REPO_ROOT ..."
  if ! (cd "$REPO_ROOT" && npm ci --no-audit --no-fund) >"$LOG_DIR/npm-ci.log" 2>&1; then
    log_tail "$LOG_DIR/npm-ci.log"
    die "npm ci failed"
  fi
  [[ -x $ANVIL_BIN ]] || die "npm ci did not install $ANVIL_BIN"
}

# block_number: prints the hex block number if the JSON-RPC endpoint answers.
block_number() {
  local out
  out=$(curl -fsS --max-time 2 -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "$URL" 2>/dev/null) || return 1
  [[ $out =~ \"result\":\"(0x[0-9a-fA-F]+)\" ]] || return 1
  printf '%s\n' "${BASH_REMATCH[1]}"
}
rpc_ok() { block_number >/dev/null; }

start() {
  local pid rc=0
  require curl
  if pid=$(live_pid anvil "$MATCH"); then
    wait_for 10 "$pid" rpc_ok || die "anvil (pid $pid) does not answer on $URL"
    say "already running on $URL (pid $pid)"
    return 0
  fi
  rm -f "$(pid_file anvil)"
  if port_open "$ANVIL_PORT"; then die "port $ANVIL_PORT is already in use: $(port_owner "$ANVIL_PORT")"; fi
  ensure_anvil
  : >"$LOG"
  pid=$(spawn anvil "$LOG" "$ANVIL_BIN" --host 127.0.0.1 --port "$ANVIL_PORT" \
    --chain-id 31337 --block-time "$ANVIL_BLOCK_TIME" --quiet)
  wait_for 30 "$pid" rpc_ok || rc=$?
  if ((rc != 0)); then
    log_tail "$LOG"
    if ((rc == 2)); then die "anvil exited during start-up"; fi
    die "anvil did not answer eth_blockNumber on $URL within 30s"
  fi
  say "ready on $URL (chain id 31337, block time ${ANVIL_BLOCK_TIME}s, pid $pid)"
}

stop() {
  local result
  result=$(stop_process anvil "$MATCH" 1)
  ports_free_or_die "$ANVIL_PORT"
  say "$result (port $ANVIL_PORT)"
}

status() {
  local pid block
  if ! pid=$(live_pid anvil "$MATCH"); then
    say "stopped (port $ANVIL_PORT)"
    return 3
  fi
  if ! block=$(block_number); then
    say "not answering on $URL (pid $pid)"
    return 3
  fi
  say "running on $URL (pid $pid, block $((block)))"
}

[[ $# -ge 1 && $# -le 2 ]] || usage
setup "${2:-}"
case "$1" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
