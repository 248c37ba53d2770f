#!/bin/sh
# Creates the topics of SignupEmail (src/Shared/Kafka/SignupTopics.cs) on the compose cluster:
# 3 partitions (one per Email node replica), one replica on each of the 3 brokers, and
# min.insync.replicas=2 so an acknowledged write (the producers use acks=all) survives the loss
# of any one broker. Idempotent: an existing topic is left as it is, so it runs on every `up`.
# Run by the kafka-init service of docker-compose.yml, inside the apache/kafka image.
set -eu

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS to the brokers, e.g. kafka-1:19092}"
brokers="${KAFKA_EXPECTED_BROKERS:-3}"
wait_seconds="${KAFKA_WAIT_SECONDS:-180}"
bin=/opt/kafka/bin

# A replication factor of 3 needs all three brokers registered, not just the one answering first.
# Metadata lists only unfenced brokers, one "(id: N ..." line each.
deadline=$(( $(date +%s) + wait_seconds ))
while :; do
  registered=$("$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" 2>/dev/null | grep -c '(id: ' || true)
  [ "$registered" -ge "$brokers" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "kafka-init: only $registered of $brokers brokers registered after ${wait_seconds}s" >&2
    exit 1
  fi
  sleep 2
done
echo "kafka-init: $registered brokers registered"

for topic in user.signed-up user.signed-up.dlt; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$topic" --partitions 3 --replication-factor 3 --config min.insync.replicas=2
done

# For the log: partitions, replicas, ISR and configs as the cluster has them now.
"$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --describe --topic 'user[.]signed-up.*'
