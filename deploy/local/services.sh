#!/usr/bin/env bash
# The five applications (devnet + price, yield, rebalancer services + the operator console) from their built jars.
#
#   deploy/local/services.sh start|stop|status [run|test|chaos]
#
#   run  : HTTP (and gRPC) on 8084 devnet, 8081 price, 8082 yield, 8083 rebalancer; the console's page on 8080
#   test : 18084, 18081, 18082, 18083, 18080
#   chaos: 28084, 28081, 28082, 28083, 28080
# They talk to the infrastructure of the same profile (stack.sh). Logs: $STATE_DIR/logs/<app>.log.
# The rebalancer executes its plans (EXECUTION_ENABLED=true, PLAN_APPROVAL=auto by default here, see lib.sh), signing
# as the devnet vault's strategist with a keystore made under $STATE_DIR/signer (devnet_signer).
set -euo pipefail
COMPONENT=apps
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

APPS=(devnet price-service yield-service rebalancer-service console)

app_port() {
  local base
  case "$1" in
    price-service) base=8081 ;;
    yield-service) base=8082 ;;
    rebalancer-service) base=8083 ;;
    devnet) base=8084 ;;
    console) base=8080 ;;
  esac
  case "$PROFILE" in
    test) echo $((base + 10000)) ;;
    chaos) echo $((base + 20000)) ;;
    *) echo "$base" ;;
  esac
}

jar_of() { printf '%s/services/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$1"; }

ready() { curl -fsS "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

# chain_id URL: the decimal chain id the JSON-RPC endpoint reports.
chain_id() {
  local out
  out=$(curl -fsS --max-time 5 -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" 2>/dev/null) || return 1
  [[ $out =~ \"result\":\"0x([0-9a-fA-F]+)\" ]] || return 1
  printf '%d\n' "0x${BASH_REMATCH[1]}"
}

# devnet_signer JAVA: the devnet strategist's keystore (Anvil's public dev account 2, the only key the tool knows) and
# a random password for it, each made once under $STATE_DIR/signer and reused; sets SIGNER_KEYSTORE_FILE. Only against
# the devnet chain (31337): that key is public, so it must never sign anywhere else. The password stays in its file
# and in the rebalancer's environment (rebalancer_env): never on a command line, never printed.
devnet_signer() {
  local java=$1 dir=$STATE_DIR/signer qa=$REPO_ROOT/services/rebalancer-service/target/quarkus-app id rpc
  rpc=${CHAIN_RPC_URLS%%,*}
  id=$(chain_id "$rpc") || die "no chain id from $rpc: the devnet strategist's keystore is made for the devnet only"
  [[ $id == 31337 ]] || die "$rpc serves chain $id, not the devnet (31337): set SIGNER_KEYSTORE_FILE (and its password in SIGNER_KEYSTORE_PASSWORD) or EXECUTION_ENABLED=false"
  mkdir -p "$dir"
  chmod 700 "$dir"
  if [[ ! -s $dir/password ]]; then
    # a keystore sealed with a lost password can never be opened again: start both afresh
    rm -f "$dir/strategist.json"
    (umask 077 && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$dir/password")
  fi
  chmod 600 "$dir/password"
  "$java" -cp "$qa/app/*:$qa/lib/main/*" io.lrtyield.rebalancer.execution.sign.devnet.DevnetStrategistKeystore \
    "$dir/strategist.json" "$dir/password" | sed "s/^/$(printf '%-6s ' "$COMPONENT")/" ||
    die "could not make the devnet strategist's keystore in $dir"
  SIGNER_KEYSTORE_FILE=$dir/strategist.json
  SIGNER_PASSWORD_FILE=$dir/password
}

# rebalancer_env: the execution settings, exported in the rebalancer's own subshell only.
rebalancer_env() {
  export EXECUTION_ENABLED PLAN_APPROVAL EXECUTION_CONFIRMATIONS
  [[ $EXECUTION_ENABLED == true ]] || return 0
  export SIGNER_KEYSTORE_FILE
  if [[ -n ${SIGNER_PASSWORD_FILE:-} ]]; then
    SIGNER_KEYSTORE_PASSWORD=$(<"$SIGNER_PASSWORD_FILE")
    export SIGNER_KEYSTORE_PASSWORD
  fi
}

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
  # the console forwards the page's API calls to the services of this profile (and drives the devnet's scenarios)
  export CONSOLE_PRICE_URL=${CONSOLE_PRICE_URL:-http://127.0.0.1:$(app_port price-service)}
  export CONSOLE_YIELD_URL=${CONSOLE_YIELD_URL:-http://127.0.0.1:$(app_port yield-service)}
  export CONSOLE_REBALANCER_URL=${CONSOLE_REBALANCER_URL:-http://127.0.0.1:$(app_port rebalancer-service)}
  export CONSOLE_DEVNET_URL=${CONSOLE_DEVNET_URL-http://127.0.0.1:$(app_port devnet)}
  # the local devnet's admin tokens are signed with the bundled dev key (make token): allow it here, and only here
  export JWT_REQUIRE_ISSUER_KEY=${JWT_REQUIRE_ISSUER_KEY:-false}
  # a keystore of your own (SIGNER_KEYSTORE_FILE + SIGNER_KEYSTORE_PASSWORD) wins over the devnet one
  if [[ $EXECUTION_ENABLED == true && -z ${SIGNER_KEYSTORE_FILE:-} ]] &&
    ! live_pid rebalancer-service "$(jar_of rebalancer-service)" >/dev/null; then
    [[ -f $(jar_of rebalancer-service) ]] || die "$(jar_of rebalancer-service) is missing: build first (make build)"
    devnet_signer "$java"
  fi
  for app in "${APPS[@]}"; do
    [[ -f $(jar_of "$app") ]] || die "$(jar_of "$app") is missing: build first (make build)"
    port=$(app_port "$app")
    if live_pid "$app" "$(jar_of "$app")" >/dev/null; then
      say "$app already running on :$port"
      continue
    fi
    port_open "$port" && die "port $port is taken: $(port_owner "$port")"
    if [[ $app == rebalancer-service ]]; then
      (rebalancer_env && HTTP_PORT=$port spawn "$app" "$LOG_DIR/$app.log" "$java" -Xmx384m -jar "$(jar_of "$app")" >/dev/null)
    elif [[ $app == console ]]; then
      HTTP_PORT=$port spawn "$app" "$LOG_DIR/$app.log" "$java" -Xmx128m -jar "$(jar_of "$app")" >/dev/null
    else
      HTTP_PORT=$port spawn "$app" "$LOG_DIR/$app.log" "$java" -Xmx384m \
        -jar "$(jar_of "$app")" >/dev/null
    fi
  done
  for app in "${APPS[@]}"; do
    port=$(app_port "$app")
    pid=$(live_pid "$app" "$(jar_of "$app")") || { log_tail "$LOG_DIR/$app.log"; die "$app exited at start"; }
    if ! wait_for "${APPS_READY_TIMEOUT:-90}" "$pid" ready "$port"; then
      log_tail "$LOG_DIR/$app.log"
      curl -sS "http://127.0.0.1:$port/q/health/ready" >&2 || true
      die "$app is not ready on :$port"
    fi
    if [[ $app == console ]]; then
      say "$app ready: http://127.0.0.1:$port/  (the operator's page; health /q/health)"
    else
      say "$app ready: http://127.0.0.1:$port  (health /q/health, metrics /q/metrics, OpenAPI /q/openapi, UI /q/swagger-ui)"
    fi
  done
  if [[ $EXECUTION_ENABLED == true ]]; then
    say "rebalancer execution: $(execution_state "$(app_port rebalancer-service)"), plan approval $PLAN_APPROVAL"
  fi
}

# execution_state PORT: the execution readiness check's state, e.g. "active" or "standby".
execution_state() {
  curl -fsS "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | tr -d '\n' |
    grep -o '"name" *: *"execution"[^}]*"state" *: *"[^"]*"' | sed 's/.*"state" *: *"//; s/"$//' || true
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
