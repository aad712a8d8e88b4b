#!/usr/bin/env bash
# Usage: kafka-server-start.sh <server.properties> [--override property=value]...
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: kafka-server-start.sh <server.properties> [--override property=value]..." >&2; exit 1; }
KAFKA_HOME=${KAFKA_HOME:-/opt/kafka}
# a modest heap by default (Kafka's own script says 1G)
export KAFKA_HEAP_OPTS=${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}
export KAFKA_LOG4J_OPTS=${KAFKA_LOG4J_OPTS:--Dlog4j2.configurationFile=$KAFKA_HOME/config/log4j2.properties}
exec "$KAFKA_HOME/bin/kafka-run-class.sh" -name kafkaServer -loggc kafka.Kafka "$@"
