using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Settings;
using SignupEmail.EmailNode.Templates;
using SignupEmail.Shared.Contracts;
using SignupEmail.Shared.Kafka;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// The baseline: one plain Confluent consumer doing the node's per-record work without Akka, one
/// record at a time — decode → send-log check → render → .eml into the pickup folder → send-log
/// write — and committing like the node's committer (max-batch records or max-interval). Same
/// librdkafka settings as the node's consumer (the node's HOCON), same send log and delivery classes
/// (and the same session, heartbeat and fetch-wait overrides as the bench's node).
/// </summary>
internal static class RawConsumeLoop
{
    public static async Task RunAsync(string bootstrapServers, string groupId, WelcomeMessageRenderer renderer, PickupFolderMailDelivery delivery, ISendLog sendLog, int records, TimeSpan timeout)
    {
        var hocon = EmailNodeHocon.Load();
        var settings = ConsumerSettings<byte[], byte[]>.Create(hocon.GetConfig("akka.kafka.consumer"));
        var committer = CommitterSettings.Create(hocon.GetConfig("akka.kafka.committer"));
        var config = settings.WithBootstrapServers(bootstrapServers).WithGroupId(groupId).ToConsumerConfig();
        config.SessionTimeoutMs = 6000;
        config.HeartbeatIntervalMs = 1000;
        config.Set(NodeHost.FetchWaitMaxMs.Key, NodeHost.FetchWaitMaxMs.Value);

        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Subscribe(SignupTopics.UserSignedUp);
        var pending = new Dictionary<TopicPartition, long>();
        var batch = 0;
        var handled = 0;
        var started = TimeProvider.System.GetTimestamp();
        var lastCommit = TimeProvider.System.GetTimestamp();
        while (handled < records)
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The raw loop handled {handled} of {records} records in {timeout}.");
            }

            var result = consumer.Consume(settings.PollTimeout);
            if (result is not null)
            {
                await HandleAsync(result, renderer, delivery, sendLog);
                handled++;
                pending[result.TopicPartition] = result.Offset.Value + 1;
                batch++;
            }

            if (batch >= committer.MaxBatch || (batch > 0 && TimeProvider.System.GetElapsedTime(lastCommit) >= committer.MaxInterval))
            {
                consumer.Commit(pending.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
                pending.Clear();
                batch = 0;
                lastCommit = TimeProvider.System.GetTimestamp();
            }
        }

        if (pending.Count > 0)
        {
            consumer.Commit(pending.Select(p => new TopicPartitionOffset(p.Key, p.Value)));
        }

        consumer.Close();
    }

    /// <summary>The record handler's happy path, without its retries, breaker or dead-lettering (nothing fails here).</summary>
    private static async Task HandleAsync(ConsumeResult<byte[], byte[]> record, WelcomeMessageRenderer renderer, PickupFolderMailDelivery delivery, ISendLog sendLog)
    {
        var decoded = UserSignedUpDecoder.Decode(record.Message.Value, WelcomeRecordHandler.ContractHeaders(record.Message.Headers));
        if (!decoded.IsDecoded)
        {
            throw new InvalidOperationException($"Record {record.TopicPartitionOffset} does not decode: {decoded.Failure.Reason}");
        }

        var @event = decoded.Event;
        if (await sendLog.IsAlreadySentAsync(@event.EventId, CancellationToken.None))
        {
            return;
        }

        await delivery.DeliverAsync(renderer.Render(@event), CancellationToken.None);
        await sendLog.RecordSentAsync(
            new HandledRecord(@event.EventId, @event.UserId, @event.Email, @event.Locale, 1, record.Partition.Value, record.Offset.Value, WelcomeMessageRenderer.MessageIdFor(@event.EventId)),
            CancellationToken.None);
    }

    /// <summary>The delivery the node would build for a pickup folder, without logging.</summary>
    public static PickupFolderMailDelivery Delivery(string folder) => new(folder, NullLogger<PickupFolderMailDelivery>.Instance);
}
