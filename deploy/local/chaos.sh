#!/usr/bin/env bash
# `make chaos`: the fault-injection suite. Builds the applications, starts the chaos-profile infrastructure (Anvil 28545,
# Kafka 29092/29093, Redis 26379 with an AOF; the applications on 28080-28084), runs io.lrtyield.e2e.ChaosSuite
# (services/e2e-tests), which inflicts each fault in turn, checks its expected outcome and prints a table, and stops
# everything again whatever happens. Ports of its own: it runs beside `make run` and `make test`.
#
# Environment: CHAOS_ARGS (extra -D options for the suite, e.g. -Dchaos.only=kafka-pause), MAVEN_ARGS, SKIP_BUILD=1
# (use the jars already built), and the chaos profile's ports (lib.sh).
set -euo pipefail
COMPONENT=chaos
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_profile chaos

CLASSPATH_FILE=services/e2e-tests/target/test.classpath

# state of an earlier run (a broker log, a Redis AOF, a devnet chain's journal) is void on a new chain
wipe_state() {
  rm -rf "$STATE_DIR/kafka/data" "$STATE_DIR/redis" "$STATE_DIR/signer"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "$LOCAL_DIR/stack.sh" stop chaos || true
  wipe_state
  exit "$rc"
}

JAVA_HOME=$("$LOCAL_DIR/find-jdk.sh")
export JAVA_HOME
cd "$REPO_ROOT"
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  say "building the applications and the suite ..."
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
  mvn -B -q ${MAVEN_ARGS:-} -pl services/devnet,services/price-service,services/yield-service,services/rebalancer-service,services/e2e-tests \
    -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/test.classpath
fi
[[ -s $CLASSPATH_FILE ]] || die "$CLASSPATH_FILE is missing: build first (without SKIP_BUILD)"

trap cleanup EXIT INT TERM
"$LOCAL_DIR/stack.sh" stop chaos >/dev/null 2>&1 || true
wipe_state
"$LOCAL_DIR/stack.sh" start chaos
# shellcheck disable=SC2086 # CHAOS_ARGS is a list of options
"$JAVA_HOME/bin/java" -Xmx512m -Drepo.root="$REPO_ROOT" -Dapps.port.base=28080 \
  -Dkafka.port="$KAFKA_PORT" -Dredis.port="$REDIS_PORT" -Danvil.port="$ANVIL_PORT" -Dchaos.state.dir="$STATE_DIR" -De2e.logs=services/e2e-tests/target/chaos-logs \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager ${CHAOS_ARGS:-} \
  -cp "services/e2e-tests/target/test-classes:$(<"$CLASSPATH_FILE")" io.lrtyield.e2e.ChaosSuite
