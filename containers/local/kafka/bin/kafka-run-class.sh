#!/usr/bin/env bash
# Runs a Kafka main class on the jars in /opt/kafka/libs, with the same environment variables as Kafka's own
# script: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS, KAFKA_GC_LOG_OPTS, KAFKA_JMX_OPTS, KAFKA_LOG4J_OPTS, KAFKA_OPTS.
# Usage: kafka-run-class.sh [-name <name>] [-loggc] <main class> [args...]
set -euo pipefail
KAFKA_HOME=${KAFKA_HOME:-/opt/kafka}
loggc=
while [ $# -gt 0 ]; do
  case "$1" in
    -name) shift 2 ;;        # the name of the daemon: only used for log files, which go to the console here
    -loggc) loggc=1; shift ;;
    -daemon) echo "kafka-run-class.sh: -daemon is not supported in this image" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -ge 1 ] || { echo "usage: kafka-run-class.sh [-name <name>] [-loggc] <class> [args...]" >&2; exit 2; }

: "${KAFKA_HEAP_OPTS:=-Xmx256M}"
: "${KAFKA_JVM_PERFORMANCE_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
: "${KAFKA_LOG4J_OPTS:=-Dlog4j2.configurationFile=$KAFKA_HOME/config/tools-log4j2.properties}"
if [ ! -f "$KAFKA_HOME/config/tools-log4j2.properties" ] && [[ $KAFKA_LOG4J_OPTS == *"$KAFKA_HOME/config/tools-log4j2.properties"* ]]; then
  KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.properties"
fi
gc_opts=
if [ -n "$loggc" ]; then
  gc_opts=${KAFKA_GC_LOG_OPTS:--Xlog:gc*:file=$KAFKA_HOME/logs/kafkaServer-gc.log:time,tags:filecount=10,filesize=100M}
fi
jmx_opts=${KAFKA_JMX_OPTS:-}
if [ -n "${JMX_PORT:-}" ] && [ -z "$jmx_opts" ]; then
  jmx_opts="-Dcom.sun.management.jmxremote -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false -Dcom.sun.management.jmxremote.port=$JMX_PORT -Dcom.sun.management.jmxremote.rmi.port=$JMX_PORT"
fi

# word splitting of the option strings is intended, as in Kafka's script
# shellcheck disable=SC2086
exec java $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS $gc_opts $jmx_opts $KAFKA_LOG4J_OPTS \
  -cp "$KAFKA_HOME/libs/*" ${KAFKA_OPTS:-} "$@"
