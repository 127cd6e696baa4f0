# LRT Yield Aggregator — one command to run it, one to test it.
#   make run    install what is missing, build, start Anvil + Kafka + Redis + devnet + the three services + the console (:8080); plans are
#               executed on the devnet (PLAN_APPROVAL=manual make run: approve them with an operator token)
#   make test   unit, integration and end-to-end tests against real Kafka, Redis and Anvil (own ports)
#   make stop   stop everything `make run` or `make test` started
#   make chaos  fault injection on a stack of its own (ports 28xxx/29xxx, beside run and test): Kafka paused and killed, Redis
#               restarted, RPC errors, delays and failover, price reads failing, the rebalancer SIGKILLed mid-plan, the
#               WebSocket dropped — each outcome checked, a table printed; stops what it started
#   make bench  micro-benchmarks of the hot paths
#   make backtest ARGS=…  the strategy and benchmarks over market histories and crises (no args: the suite), report in services/backtest/target/backtest
#   make bench-pipeline  per-block latency of price, yield and decision, p50/p99 over 500 devnet blocks, whole stack running
#   make clean  remove build output and local state
#   make token ROLE=operator  a LOCAL admin-API bearer token (viewer|operator|admin) signed with the dev key
#   make images     container images of the services (Jib on a JRE base built from Debian packages), loaded into podman
#   make k8s-smoke  the devnet Kubernetes overlay run by `podman kube play` (needs make images); cleans up after itself

SHELL := /bin/bash
JAVA_HOME := $(shell deploy/local/find-jdk.sh)
ifeq ($(JAVA_HOME),)
$(error no JDK >= 21 found: install one (e.g. apt-get install -y temurin-25-jdk) or set JAVA_HOME)
endif
export JAVA_HOME
MVN := mvn -B -q

SOURCES := $(shell find services -path '*/target' -prune -o -type f \( -name '*.java' -o -name '*.proto' -o -name '*.properties' -o -name '*.sol' -o -name '*.cjs' -o -name 'pom.xml' -o -name '*.json' -o -name '*.html' -o -name '*.js' -o -name '*.css' \) -print) pom.xml package-lock.json
BUILD_STAMP := .local/build.stamp

.PHONY: run test chaos stop clean bench bench-pipeline build deps token backtest bench-backtest record images k8s-smoke

deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is required (apt-get install -y nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

build: $(BUILD_STAMP)

$(BUILD_STAMP): node_modules/.package-lock.json $(SOURCES)
	$(MVN) -DskipTests install
	@mkdir -p .local && touch $@

run: build
	@deploy/local/run.sh

test: deps
	@deploy/local/test.sh

chaos: deps
	@deploy/local/chaos.sh

stop:
	@deploy/local/services.sh stop run
	@deploy/local/stack.sh stop run
	@deploy/local/stack.sh stop test

bench: build
	$(MVN) -pl services/common exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.lrtyield.common.bench.HotPathBench
	$(MVN) -pl services/strategy exec:exec -Dexec.classpathScope=test -Dexec.executable=$(JAVA_HOME)/bin/java \
	  '-Dexec.args=-cp %classpath io.lrtyield.strategy.bench.OptimizerBench'
	$(MVN) -pl services/price-service exec:exec -Dexec.classpathScope=test -Dexec.executable=$(JAVA_HOME)/bin/java \
	  '-Dexec.args=-cp %classpath io.lrtyield.price.bench.AggregationBench'
	@deploy/local/anvil.sh start test && trap 'deploy/local/anvil.sh stop test' EXIT && \
	  $(MVN) -pl services/devnet exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.lrtyield.devnet.bench.ChainBench \
	    -Danvil.port=$${ANVIL_PORT:-18545}

# BENCH_BLOCK_TIME: Anvil's block interval in seconds (0.5 prices twice a second; mainnet is 12)
bench-pipeline: build
	@ANVIL_BLOCK_TIME=$${BENCH_BLOCK_TIME:-0.5} deploy/local/stack.sh start test && trap 'deploy/local/stack.sh stop test' EXIT && \
	  $(MVN) -pl services/e2e-tests exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.lrtyield.e2e.PipelineBench -Drepo.root=$(CURDIR) \
	    -Dbench.blocks=$${BENCH_BLOCKS:-500} $${BENCH_JFR:+-Dbench.jfr=$$BENCH_JFR}

images: deps
	@deploy/images/build.sh

k8s-smoke: deps
	@deploy/k8s/smoke/run.sh

clean:
	-$(MVN) clean
	rm -rf .local

# The dev private key sits in the rebalancer's test resources only; production verifies its own issuer's key.
# TOKEN=$$(make -s token ROLE=admin); curl -H "Authorization: Bearer $$TOKEN" -X POST :8083/api/v1/admin/pause
ROLE ?= viewer
token: build
	@set -o pipefail; $(MVN) -pl services/rebalancer-service exec:java -Dexec.classpathScope=test \
	  -Dexec.mainClass=io.lrtyield.rebalancer.admin.TokenMinter -Drole=$(ROLE) $(if $(SUBJECT),-Dsubject=$(SUBJECT)) \
	  | sed 's/\x1b\[[0-9;]*m//g'

# make backtest ARGS="--scenario lst-discount --seed 7": the production strategy and the benchmarks over scenario
# histories (no args: the whole suite); report under services/backtest/target/backtest/. Compiles only what it needs
# (-pl … -am) and runs on this clone's classes, never on another build's jars in the shared ~/.m2; nothing is started.
BACKTEST_CP := services/backtest/target/backtest.classpath
backtest:
	@$(MVN) -pl services/backtest -am compile dependency:build-classpath -Dmdep.outputFile=$(CURDIR)/$(BACKTEST_CP)
	@$(JAVA_HOME)/bin/java -Dbacktest.out=services/backtest/target/backtest -cp services/backtest/target/classes:$$(cat $(BACKTEST_CP)) \
	  io.lrtyield.backtest.cli.BacktestCli $(ARGS)

# make record RECORD_SECONDS=600: prices.v1 + yields.v1 of a running `make run` stack (KAFKA=localhost:9092, read from
# the beginning by a fresh consumer group, nothing committed) into services/backtest/target/recorded.history.gz (OUT=…);
# then make backtest ARGS="--history services/backtest/target/recorded.history.gz"
record:
	@$(MVN) -pl services/backtest -am compile dependency:build-classpath -Dmdep.outputFile=$(CURDIR)/$(BACKTEST_CP)
	@$(JAVA_HOME)/bin/java -cp services/backtest/target/classes:$$(cat $(BACKTEST_CP)) io.lrtyield.backtest.record.KafkaRecorder \
	  $${KAFKA:-localhost:9092} $${RECORD_SECONDS:-600} $${OUT:-services/backtest/target/recorded.history.gz}

# medians of several one-year backtests (BENCH_RUNS, default 3)
bench-backtest:
	@$(MVN) -pl services/backtest -am test-compile dependency:build-classpath -Dmdep.outputFile=$(CURDIR)/$(BACKTEST_CP)
	@cd services/backtest && $(JAVA_HOME)/bin/java -cp target/test-classes:target/classes:$$(cat $(CURDIR)/$(BACKTEST_CP)) \
	  io.lrtyield.backtest.bench.BacktestBench $${BENCH_RUNS:-3}
