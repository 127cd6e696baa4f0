#!/usr/bin/env bash
# `make test`: starts the test-profile infrastructure on ports of its own, runs the whole Maven build with unit,
# integration and end-to-end tests against it, and stops it again whatever happens.
set -euo pipefail
COMPONENT=test
# shellcheck source=deploy/local/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_profile test

if ! command -v kubectl >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "kubectl missing: installing Debian's kubernetes-client for the manifest render test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
  else
    die "kubectl is needed by the Kubernetes manifest test: install it (sudo apt-get install -y kubernetes-client)"
  fi
fi

# The console's browser tests (e2e ConsoleIT) drive Debian's chromium with playwright-core, which never downloads one.
if [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    say "chromium missing: installing Debian's chromium for the console's browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    die "chromium is needed by the console's browser tests: install it (sudo apt-get install -y chromium)"
  fi
fi

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  "$LOCAL_DIR/stack.sh" stop test || true
  exit "$rc"
}
trap cleanup EXIT INT TERM

"$LOCAL_DIR/stack.sh" start test
JAVA_HOME=$("$LOCAL_DIR/find-jdk.sh")
export JAVA_HOME
cd "$REPO_ROOT"
mvn -B ${MAVEN_ARGS:-} verify \
  -Dtest.kafka.port="$KAFKA_PORT" -Dtest.redis.port="$REDIS_PORT" -Dtest.anvil.port="$ANVIL_PORT"
