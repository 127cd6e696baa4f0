#!/usr/bin/env bash
# The four applications (devnet + price, yield, rebalancer services) from their built jars.
#
#   deploy/local/services.sh start|stop|status [run|test]
#
#   run : HTTP (and gRPC) on 8084 devnet, 8081 price, 8082 yield, 8083 rebalancer
#   test: 18084, 18081, 18082, 18083
# They talk to the infrastructure of the same profile (stack.sh). Logs: $STATE_DIR/logs/<app>.log.
set -euo pipefail
COMPONENT=apps
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APPS=(devnet price-service yield-service rebalancer-service)

app_port() {
  local base
  case "$1" in
    price-service) base=8081 ;;
    yield-service) base=8082 ;;
    rebalancer-service) base=8083 ;;
    devnet) base=8084 ;;
  esac
  if [[ $PROFILE == test ]]; then echo $((base + 10000)); else echo "$base"; fi
}

jar_of() { printf '%s/services/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$1"; }

ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

start() {
  local java app port pid
  java="$("$LOCAL_DIR/find-jdk.sh")/bin/java"
  export CHAIN_RPC_URLS=${CHAIN_RPC_URLS:-http://127.0.0.1:$ANVIL_PORT}
  export CHAIN_WS_URL=${CHAIN_WS_URL:-ws://127.0.0.1:$ANVIL_PORT}
  export KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$KAFKA_PORT}
  export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}
  export CATALOGUE=${CATALOGUE:-http://127.0.0.1:$(app_port devnet)/api/v1/catalogue}
  export PRICE_ETH_USD_HTTP_URL=${PRICE_ETH_USD_HTTP_URL:-http://127.0.0.1:$(app_port devnet)/api/v3}
  export LOG_JSON=${LOG_JSON:-false}
  # the local devnet's admin tokens are signed with the bundled dev key (make token): allow it here, and only here
  export JWT_REQUIRE_ISSUER_KEY=${JWT_REQUIRE_ISSUER_KEY:-false}
  for app in "${APPS[@]}"; do
    [[ -f $(jar_of "$app") ]] || die "$(jar_of "$app") is missing: build first (make build)"
    port=$(app_port "$app")
    if live_pid "$app" "$(jar_of "$app")" >/dev/null; then
      say "$app already running on :$port"
      continue
    fi
    port_open "$port" && die "port $port is taken: $(port_owner "$port")"
    HTTP_PORT=$port spawn "$app" "$LOG_DIR/$app.log" "$java" -Xmx384m \
      -jar "$(jar_of "$app")" >/dev/null
  done
  for app in "${APPS[@]}"; do
    port=$(app_port "$app")
    pid=$(live_pid "$app" "$(jar_of "$app")") || { log_tail "$LOG_DIR/$app.log"; die "$app exited at start"; }
    if ! wait_for "${APPS_READY_TIMEOUT:-90}" "$pid" ready "$port"; then
      log_tail "$LOG_DIR/$app.log"
      curl -sS "http://127.0.0.1:$port/q/health/ready" >&2 || true
      die "$app is not ready on :$port"
    fi
    say "$app ready: http://127.0.0.1:$port  (health /q/health, metrics /q/metrics, OpenAPI /q/openapi, UI /q/swagger-ui)"
  done
}

stop() {
  local app i driver
  # a `make run` driver still in the foreground elsewhere: end it (its trap stops the rest as well)
  if driver=$(live_pid run "run.sh"); then
    kill -TERM "$driver" 2>/dev/null || true
  fi
  for ((i = ${#APPS[@]} - 1; i >= 0; i--)); do
    app=${APPS[i]}
    say "$app $(stop_process "$app" "$(jar_of "$app")" 1)"
  done
}

status() {
  local app port rc=0
  for app in "${APPS[@]}"; do
    port=$(app_port "$app")
    if ready "$port"; then say "$app ready on :$port"; else say "$app not ready on :$port"; rc=3; fi
  done
  return "$rc"
}

load_profile "${2:-run}"
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
