#!/bin/sh
# Single-node KRaft Kafka for `make k8s-smoke` (stands in for the Strimzi-run cluster): listens on 9092 and advertises
# the Strimzi bootstrap name, so the services' KAFKA_BOOTSTRAP_SERVERS works unchanged. Topics are not created here:
# the smoke run creates the ones the KafkaTopic resources declare.
set -eu
DATA=/var/lib/kafka/data
CONF=/var/lib/kafka/server.properties
ADVERTISED=${KAFKA_ADVERTISED_HOST:-lrt-kafka-kafka-bootstrap}
cat >"$CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://$ADVERTISED:9092
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
CONF
tool() {
  java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=/opt/kafka/log4j2-tools.properties -cp '/opt/kafka/libs/*' "$@"
}
if [ ! -f "$DATA/meta.properties" ]; then
  tool kafka.tools.StorageTool format -t "$(tool kafka.tools.StorageTool random-uuid)" -c "$CONF"
fi
exec java -Xms256m -Xmx512m -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp '/opt/kafka/libs/*' kafka.Kafka "$CONF"
