#!/usr/bin/env bash
# `make k8s-smoke`: the devnet overlay, rendered by kubectl kustomize, run on this machine by `podman kube play`
# (podman 4.3 as root). podmanize.py works around podman's gaps in a copy of the rendered YAML (the manifests are not
# changed; see its docstring); this script brings the pods up in dependency order — anvil, Redis, Kafka (topics from
# the KafkaTopic resources), the devnet app, then the services — and checks:
#   1. every pod ready (Quarkus /q/health/ready UP through host ports 29xxx on 127.0.0.1, anvil answering JSON-RPC,
#      Redis PING, Kafka listing the topics), with each pod's time to ready;
#   2. a decision recorded by the rebalancer (GET /api/v1/decisions);
#   3. a plan executed on the devnet chain: a plan DONE, and its journaled transactions mined with status 1 on anvil;
#   4. the rebalancer's standby: of its two pods one leads the decisions (one decision per block, never two), the other
#      stands by; the leading pod is killed (SIGKILL, no hand-back) and the standby records the next decisions within
#      the lease TTL;
#   5. the console's two pods serve the page and forward to the services.
# Everything it started (pods, volumes, network, secret files) is removed on exit, pass or fail.
# Host ports: 29080-29084 (+100 per extra replica), 29545. Needs `make images` first.
set -euo pipefail
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$REPO_ROOT/deploy/k8s/smoke
TAG=${IMAGE_TAG:-0.1.0}
PREFIX=lrt-smoke
NETWORK=$PREFIX
READY_TIMEOUT=${SMOKE_READY_TIMEOUT:-300}
PLAN_TIMEOUT=${SMOKE_PLAN_TIMEOUT:-600}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/lrt-k8s-smoke.XXXXXX")
LOGS=$REPO_ROOT/.local/k8s-smoke
STARTED=$SECONDS

say() { printf '[k8s-smoke %4ds] %s\n' $((SECONDS - STARTED)) "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((rc != 0)); then
    mkdir -p "$LOGS"
    for pod in $(podman pod ps --filter "label=lrt.smoke=$PREFIX" --format '{{.Name}}' 2>/dev/null); do
      for c in $(podman ps -a --filter "pod=$pod" --format '{{.Names}}' | grep -v infra); do
        podman logs "$c" >"$LOGS/$c.log" 2>&1 || true
      done
    done
    say "container logs kept in $LOGS"
  fi
  if [[ ${SMOKE_KEEP:-} == 1 ]]; then
    say "SMOKE_KEEP=1: pods, volumes and network $NETWORK left running; files in $WORK"
    exit "$rc"
  fi
  for f in services devnet infra; do
    [[ -f $WORK/$f.yaml ]] && podman kube down "$WORK/$f.yaml" >/dev/null 2>&1 || true
  done
  # kube down leaves volumes (and pods whose play failed half-way): remove what this run created
  podman pod rm -f $(podman pod ps -q --filter "label=lrt.smoke=$PREFIX") >/dev/null 2>&1 || true
  podman volume rm -f $(podman volume ls -q --filter "name=^$PREFIX-") >/dev/null 2>&1 || true
  podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  say "cleaned up (pods, volumes, network, secrets)"
  exit "$rc"
}
trap cleanup EXIT INT TERM

"$REPO_ROOT/deploy/images/podman-setup.sh"
command -v kubectl >/dev/null || die "kubectl (with kustomize) is needed to render the overlay"
python3 -c 'import yaml' 2>/dev/null || die "python3 with PyYAML is needed (apt-get install -y python3-yaml)"
for s in price-service yield-service rebalancer-service devnet console; do
  podman image exists "ghcr.io/lrt-yield/$s:$TAG" || die "image ghcr.io/lrt-yield/$s:$TAG missing: run make images first"
done
for port in 29080 29081 29082 29083 29084 29180 29181 29182 29183 29545; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is taken"; fi
done
if podman pod exists anvil 2>/dev/null || podman network exists "$NETWORK" 2>/dev/null; then
  die "a previous smoke run's pods or network are still there (podman pod ps; podman network rm $NETWORK)"
fi
"$HERE/infra-images.sh"

# --- secrets (podman 4.3 cannot use Secret objects: podmanize.py mounts these files instead) ---
say "making the Secrets: rebalancer-signer (devnet strategist keystore, random password), rebalancer-jwt (throwaway issuer key)"
JAVA_HOME=${JAVA_HOME:-$("$REPO_ROOT/deploy/local/find-jdk.sh")}
QA=$REPO_ROOT/services/rebalancer-service/target/quarkus-app
[[ -d $QA ]] || die "$QA is missing: run make images (or make build) first"
mkdir -p "$WORK/secrets/rebalancer-signer" "$WORK/secrets/rebalancer-jwt" "$WORK/play"
chmod 755 "$WORK" "$WORK/secrets" "$WORK/secrets/"*
od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$WORK/secrets/rebalancer-signer/password"
"$JAVA_HOME/bin/java" -cp "$QA/app/*:$QA/lib/main/*" io.lrtyield.rebalancer.execution.sign.devnet.DevnetStrategistKeystore \
  "$WORK/secrets/rebalancer-signer/keystore.json" "$WORK/secrets/rebalancer-signer/password" >/dev/null ||
  die "could not make the devnet strategist's keystore"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/issuer.key" 2>/dev/null
openssl pkey -in "$WORK/issuer.key" -pubout -out "$WORK/secrets/rebalancer-jwt/public.pem"
rm -f "$WORK/issuer.key" # nobody signs admin tokens in the smoke run
printf 'https://lrtyield.invalid/k8s-smoke' >"$WORK/secrets/rebalancer-jwt/issuer"
chmod 644 "$WORK/secrets/"*/*

# --- render and translate ---
# SMOKE_EXTRA_ENV="container:NAME=VALUE …" adds smoke-only settings (none by default: the overlay's own settings run).
# The first smoke runs needed REBALANCER_STRATEGY_LOOP_RUNGS=0.8: the rungs were each capped by what Aave lends on its
# own, and a plan borrowing more WETH than the pool held was refused at simulation; the policy now caps them together.
export SMOKE_EXTRA_ENV=${SMOKE_EXTRA_ENV-}
kubectl kustomize "$REPO_ROOT/deploy/k8s/overlays/devnet" >"$WORK/rendered.yaml" || die "kubectl kustomize failed"
python3 "$HERE/podmanize.py" "$WORK/rendered.yaml" "$WORK/secrets" "$WORK" "$PREFIX" 2>&1 | sed 's/^/  /'
[[ -s $WORK/services.yaml ]] || die "podmanize.py wrote nothing"
podman network create --subnet 10.89.77.0/24 "$NETWORK" >/dev/null
play() { # play FILE: starts its pods, labelled for clean-up
  local ips=()
  mapfile -t ips < <(sed 's/^/--ip=/' "$WORK/$1.ips")
  podman kube play --network "$NETWORK" "${ips[@]}" --log-driver k8s-file --start "$WORK/$1.yaml" >"$WORK/play/$1.log" 2>&1 ||
    { cat "$WORK/play/$1.log" >&2; die "podman kube play $1.yaml failed"; }
  for pod in $(grep -A2 '^kind: Pod$' "$WORK/$1.yaml" | sed -n 's/^  name: //p'); do
    podman pod exists "$pod" || die "pod $pod was not created by kube play $1.yaml"
  done
}
declare -A PLAYED_AT READY_IN

# wait_for SECONDS DESCRIPTION COMMAND...: retries COMMAND every 2 s
wait_for() {
  local limit=$1 what=$2 deadline=$((SECONDS + $1))
  shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "$what: not ready within ${limit}s"
    sleep 2
  done
}
rpc() { curl -fsS --max-time 3 -H 'Content-Type: application/json' --data "$1" http://127.0.0.1:29545; }
ready() { curl -fsS --max-time 3 "http://127.0.0.1:$1/q/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; }
kafka_tool() { podman exec lrt-kafka-kafka-bootstrap-kafka java -Xmx128m -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile=/opt/kafka/log4j2-tools.properties -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand \
  --bootstrap-server localhost:9092 "$@"; }
mark_ready() { READY_IN[$1]=$((SECONDS - PLAYED_AT[$1])); say "ready: $1 (${READY_IN[$1]} s)"; }

# --- infrastructure ---
say "kube play: anvil, redis, lrt-kafka-kafka-bootstrap"
for p in anvil redis lrt-kafka-kafka-bootstrap; do PLAYED_AT[$p]=$SECONDS; done
play infra
wait_for 60 "anvil JSON-RPC" rpc '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}'
mark_ready anvil
wait_for 60 "redis PING" sh -c "podman exec redis-redis redis-cli ping | grep -q PONG"
mark_ready redis
podman exec redis-redis redis-cli config get appendonly | grep -qx yes || die "redis runs without appendonly"
wait_for 120 "kafka" kafka_tool --list
mark_ready lrt-kafka-kafka-bootstrap
while read -r topic partitions retention; do
  kafka_tool --create --if-not-exists --topic "$topic" --partitions "$partitions" --replication-factor 1 \
    --config "retention.ms=$retention" >/dev/null || die "could not create topic $topic"
done <"$WORK/topics.txt"
say "topics (from the KafkaTopic resources): $(kafka_tool --list | tr '\n' ' ')"

# --- devnet app: deploys the venue replicas, serves the catalogue ---
PLAYED_AT[devnet]=$SECONDS
play devnet
wait_for "$READY_TIMEOUT" "devnet /q/health/ready" ready 29084
mark_ready devnet

# --- the services (price, yield, the rebalancer and the console at 2 replicas each, as the manifests say) ---
pods=$(grep -A2 '^kind: Pod$' "$WORK/services.yaml" | sed -n 's/^  name: //p' | tr '\n' ' ')
say "kube play: $pods"
for p in $pods; do PLAYED_AT[$p]=$SECONDS; done
play services
declare -A PORT=([price-service]=29081 [yield-service]=29082 [rebalancer-service]=29083 [console]=29080
  [price-service-2]=29181 [yield-service-2]=29182 [rebalancer-service-2]=29183 [console-2]=29180)
# all polled together, so each pod's time to ready is when it became ready, not when its turn came
waiting=()
for p in $pods; do
  [[ -n ${PORT[$p]:-} ]] || die "no host port known for pod $p"
  waiting+=("$p")
done
deadline=$((SECONDS + READY_TIMEOUT))
while ((${#waiting[@]})); do
  ((SECONDS < deadline)) || die "not ready within ${READY_TIMEOUT}s: ${waiting[*]}"
  still=()
  for p in "${waiting[@]}"; do
    if ready "${PORT[$p]}"; then mark_ready "$p"; else still+=("$p"); fi
  done
  waiting=("${still[@]}")
  ((${#waiting[@]} == 0)) || sleep 1
done
curl -fsS "http://127.0.0.1:29083/q/health/ready" | tr -d ' \n' | grep -q '"state":"active"' ||
  say "note: the rebalancer's execution check does not say active yet"

# --- a decision, then a plan executed on chain ---
decided() { curl -fsS --max-time 3 "http://127.0.0.1:29083/api/v1/decisions?limit=1" | python3 -c \
  'import json,sys; d=json.load(sys.stdin); sys.exit(0 if isinstance(d,list) and d else 1)'; }
wait_for 120 "a decision recorded" decided
say "decision: $(curl -fsS 'http://127.0.0.1:29083/api/v1/decisions?limit=1' | python3 -c 'import json,sys; d=json.load(sys.stdin)[0]; print(d.get("action"), "at block", d.get("blockNumber"), "-", str(d.get("reason"))[:100])')"
executed() { curl -fsS --max-time 5 "http://127.0.0.1:29083/api/v1/plans?limit=20" | python3 -c '
import json, sys
plans = json.load(sys.stdin)
done = [p for p in plans if p.get("status") == "DONE"]
failed = [p for p in plans if p.get("status") == "FAILED"]
if failed and not done:
    print("FAILED " + failed[0]["plan"]["planId"]); sys.exit(0)
if done:
    print("DONE " + done[0]["plan"]["planId"]); sys.exit(0)
sys.exit(1)' >"$WORK/plan"; }
say "waiting for a plan to be executed (warm-up of 30 blocks, then ~50 transactions on 1-s blocks)"
wait_for "$PLAN_TIMEOUT" "a plan executed" executed
read -r status plan <"$WORK/plan"
[[ $status == DONE ]] || die "plan $plan FAILED: $(curl -fsS "http://127.0.0.1:29083/api/v1/plans/$plan" | head -c 600)"
hashes=$(curl -fsS "http://127.0.0.1:29083/api/v1/executions?limit=5" | python3 -c '
import json, sys
plan = sys.argv[1]
data = json.load(sys.stdin)
entries = data.get(plan, []) if isinstance(data, dict) else [e for p in data for e in p.get("actions", p.get("entries", [])) if p.get("planId") == plan]
print(" ".join(e["txHash"] for e in entries if e.get("txHash")))' "$plan")
[[ -n $hashes ]] || die "plan $plan is DONE but the execution journal shows no transaction hash"
mined=0
for h in $hashes; do
  receipt=$(rpc "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getTransactionReceipt\",\"params\":[\"$h\"]}")
  grep -q '"status":"0x1"' <<<"$receipt" || die "transaction $h of plan $plan is not mined with status 1: $receipt"
  mined=$((mined + 1))
done
say "plan $plan DONE: $mined transactions mined with status 1 on the devnet chain"

# --- the console: both pods serve the page and forward to the rebalancer ---
for p in console console-2; do
  page=$(curl -fsS --max-time 5 "http://127.0.0.1:${PORT[$p]}/") || die "$p does not answer on /"
  grep -qi '<html' <<<"$page" || die "$p does not serve the page"
  forwarded=$(curl -fsS --max-time 5 "http://127.0.0.1:${PORT[$p]}/api/rebalancer/v1/decisions?limit=1") ||
    die "$p does not forward /api/rebalancer/v1/decisions"
  grep -q '"action"' <<<"$forwarded" || die "$p forwarded something that is not a decision: ${forwarded:0:200}"
done
say "console: both pods serve the page and forward to the rebalancer"

# --- the rebalancer's standby: one pod decides, the other takes over when it dies ---
role() { curl -fsS --max-time 3 "http://127.0.0.1:$1/q/health/ready" | python3 -c '
import json, sys
checks = {c["name"]: c.get("data", {}) for c in json.load(sys.stdin)["checks"]}
d = checks["decisions"]
print(d["role"], d["instance"])'; }
once_per_block() { curl -fsS --max-time 5 "http://127.0.0.1:$1/api/v1/decisions?limit=60" | python3 -c '
import collections, json, sys
blocks = collections.Counter(d["blockNumber"] for d in json.load(sys.stdin))
twice = sorted(b for b, n in blocks.items() if n > 1)
print("blocks decided twice: %s" % twice if twice else "ok")
sys.exit(1 if twice else 0)'; }
read -r role1 instance1 < <(role 29083) || die "no readiness data from rebalancer-service"
read -r role2 instance2 < <(role 29183) || die "no readiness data from rebalancer-service-2"
# an instance id is "<host name>-<uuid>": the host name names the pod's consumer group
[[ ${instance1%-*-*-*-*-*} != "${instance2%-*-*-*-*-*}" ]] ||
  die "both rebalancer pods run under the same host name ($instance1, $instance2): they would share a consumer group"
case "$role1/$role2" in
  leader/standby) leader=rebalancer-service standby=rebalancer-service-2 ;;
  standby/leader) leader=rebalancer-service-2 standby=rebalancer-service ;;
  *) die "expected one leader and one standby among the rebalancer pods, got $role1 and $role2" ;;
esac
out=$(once_per_block "${PORT[$leader]}") || die "$out"
say "rebalancer: $leader leads the decisions, $standby stands by; one decision per block ($out)"
before=$(curl -fsS "http://127.0.0.1:${PORT[$standby]}/api/v1/decisions?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["blockNumber"])')
killed_at=$SECONDS
podman pod kill --signal KILL "$leader" >/dev/null || die "could not kill pod $leader"
took_over() { [[ $(role "${PORT[$standby]}" | cut -d' ' -f1) == leader ]] && curl -fsS --max-time 3 \
  "http://127.0.0.1:${PORT[$standby]}/api/v1/decisions?limit=1" | python3 -c \
  'import json,sys; sys.exit(0 if json.load(sys.stdin)[0]["blockNumber"] > int(sys.argv[1]) + 2 else 1)' "$before"; }
wait_for 60 "$standby taking over the decisions after $leader was killed" took_over
out=$(once_per_block "${PORT[$standby]}") || die "$out"
say "rebalancer: $leader killed (SIGKILL); $standby leads and decides again after $((SECONDS - killed_at)) s; one decision per block ($out)"

say "time to ready per pod (s, from its kube play):"
for p in "${!READY_IN[@]}"; do printf '  %-28s %4d\n' "$p" "${READY_IN[$p]}"; done | sort
say "PASSED in $((SECONDS - STARTED)) s"
