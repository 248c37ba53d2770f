using System.Globalization;
using System.Text;
using Confluent.Kafka;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>
/// Reads the dead-letter topic for the admin endpoints, and replays chosen records to the source
/// topic: same key, value and headers (so the same event id) without the <c>dlt-*</c> headers, to
/// the partition they came from. Safe to repeat: the send log turns a second delivery into a skip.
/// Uses short-lived clients that never join or commit for a consumer group.
/// </summary>
/// <param name="options">Brokers and topics.</param>
public sealed class DeadLetterTopic(ConsumingOptions options)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Lists up to <paramref name="limit"/> records of <paramref name="selection"/>, in partition and
    /// offset order, starting after <paramref name="after"/> when given (only with <see cref="DeadLetterSelection.All"/>).
    /// </summary>
    public Task<DeadLetterPage> ListAsync(DeadLetterSelection selection, int limit, DeadLetterPosition? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (after is not null && !selection.All)
        {
            throw new ArgumentException("Only a listing of every partition continues after a position; a partition's listing continues from an offset.", nameof(after));
        }

        // The Confluent calls block; the wait for them ends when the caller's token is cancelled, and
        // the work itself stops at its next check (each call is bounded by RequestTimeout).
        return Task.Run(
            () =>
            {
                // One record more than the page: whether there is a next page, without a second pass.
                var records = Read(selection, limit + 1, after, cancellationToken).Select(ToEntry).ToList();
                return new DeadLetterPage(records.Take(limit).ToList(), records.Count > limit);
            },
            cancellationToken).WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The <paramref name="count"/> most recently written records across every partition, newest
    /// first (by the time each was written to the topic; offsets break ties): the tail of each
    /// partition, merged.
    /// </summary>
    public Task<IReadOnlyList<DeadLetterEntry>> NewestAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Task.Run(
            () =>
            {
                using var consumer = OpenConsumer();
                var tails = new List<DeadLetterEntry>();
                foreach (var partition in Partitions(consumer))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var topicPartition = new TopicPartition(options.DeadLetterTopic, partition);
                    var watermarks = consumer.QueryWatermarkOffsets(topicPartition, RequestTimeout);
                    var from = Math.Max(watermarks.Low.Value, watermarks.High.Value - count);
                    tails.AddRange(ReadRange(consumer, topicPartition, from, watermarks.High.Value, count, cancellationToken).Select(ToEntry));
                }

                consumer.Close();
                return (IReadOnlyList<DeadLetterEntry>)tails
                    .OrderByDescending(e => e.Timestamp ?? DateTimeOffset.MinValue)
                    .ThenByDescending(e => e.Offset)
                    .ThenBy(e => e.Partition)
                    .Take(count)
                    .ToList();
            },
            cancellationToken).WaitAsync(cancellationToken);
    }

    /// <summary>Re-publishes the records of <paramref name="selection"/> to the source topic; returns how many.</summary>
    public Task<int> ReplayAsync(DeadLetterSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Task.Run(
            () =>
            {
                using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig(Properties(producer: true))
                {
                    BootstrapServers = options.BootstrapServers,
                    EnableIdempotence = true,
                    Acks = Acks.All,
                }).Build();
                var failures = new List<string>();
                var count = 0;
                foreach (var record in Read(selection, int.MaxValue, after: null, cancellationToken))
                {
                    var headers = new Headers();
                    foreach (var header in record.Message.Headers ?? [])
                    {
                        if (!DeadLetterHeaders.IsDeadLetterHeader(header.Key))
                        {
                            headers.Add(header.Key, header.GetValueBytes());
                        }
                    }

                    var partition = int.TryParse(Text(record.Message.Headers, DeadLetterHeaders.OriginalPartition), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                        ? new Partition(p)
                        : Partition.Any;
                    producer.Produce(
                        new TopicPartition(options.Topic, partition),
                        new Message<byte[], byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers },
                        report =>
                        {
                            if (report.Error.IsError)
                            {
                                lock (failures)
                                {
                                    failures.Add($"{record.TopicPartitionOffset}: {report.Error.Code}");
                                }
                            }
                        });
                    count++;
                }

                if (producer.Flush(RequestTimeout * 3) > 0)
                {
                    throw new TimeoutException("Replayed records were not all acknowledged in time; replaying again is safe.");
                }

                EmailPipelineMetrics.RecordReplayed(count - failures.Count);
                return failures.Count == 0
                    ? count
                    : throw new KafkaException(new Error(ErrorCode.Local_Fail, $"Replay failed for {string.Join(", ", failures)}; replaying again is safe."));
            },
            cancellationToken).WaitAsync(cancellationToken);
    }

    private IEnumerable<ConsumeResult<byte[], byte[]>> Read(DeadLetterSelection selection, int limit, DeadLetterPosition? after, CancellationToken cancellationToken)
    {
        if (selection.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(selection));
        }

        using var consumer = OpenConsumer();
        var existing = Partitions(consumer);
        if (!selection.All && !existing.Contains(selection.Partition!.Value))
        {
            throw new DeadLetterPartitionNotFoundException(selection.Partition.Value, options.DeadLetterTopic, existing.Count);
        }

        var partitions = selection.All ? existing.Where(p => after is null || p >= after.Partition) : [selection.Partition!.Value];
        var read = 0;
        foreach (var partition in partitions)
        {
            if (read >= limit)
            {
                break;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var topicPartition = new TopicPartition(options.DeadLetterTopic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, RequestTimeout);
            var start = after is not null && after.Partition == partition ? after.Offset + 1 : selection.FromOffset ?? 0;
            var from = Math.Max(watermarks.Low.Value, start);
            var end = Math.Min(watermarks.High.Value, selection.ToOffset is { } to ? to + 1 : long.MaxValue);
            foreach (var record in ReadRange(consumer, topicPartition, from, end, limit - read, cancellationToken))
            {
                read++;
                yield return record;
            }
        }

        consumer.Close();
    }

    // The records of [from, end) on one partition, at most limit of them, in offset order.
    private static IEnumerable<ConsumeResult<byte[], byte[]>> ReadRange(
        IConsumer<byte[], byte[]> consumer, TopicPartition topicPartition, long from, long end, int limit, CancellationToken cancellationToken)
    {
        if (from >= end || limit <= 0)
        {
            yield break;
        }

        consumer.Assign(new TopicPartitionOffset(topicPartition, from));
        var next = from;
        var read = 0;
        while (next < end && read < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = consumer.Consume(RequestTimeout)
                ?? throw new TimeoutException($"No record from {topicPartition} at offset {next} within {RequestTimeout.TotalSeconds:0} s.");
            next = result.Offset.Value + 1;
            if (result.Offset.Value < end)
            {
                read++;
                yield return result;
            }
        }

        consumer.Unassign();
    }

    private IConsumer<byte[], byte[]> OpenConsumer() =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig(Properties(producer: false))
        {
            BootstrapServers = options.BootstrapServers,
            // Required by the client; never used to join or commit (the consumer is assigned, not subscribed).
            GroupId = $"{options.GroupId}-dlt-admin",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();

    private List<int> Partitions(IConsumer<byte[], byte[]> consumer)
    {
        // Metadata for all topics, never by name: naming an unknown topic creates it on some brokers.
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var topic = admin.GetMetadata(RequestTimeout).Topics.FirstOrDefault(t => t.Topic == options.DeadLetterTopic);
        return topic is null ? [] : topic.Partitions.Select(p => p.PartitionId).Order().ToList();
    }

    private Dictionary<string, string> Properties(bool producer) =>
        options.KafkaProperties
            .Where(p => !producer || !EmailPipeline.IsConsumerOnly(p.Key))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static DeadLetterEntry ToEntry(ConsumeResult<byte[], byte[]> record)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in record.Message.Headers ?? [])
        {
            if (DeadLetterHeaders.IsDeadLetterHeader(header.Key))
            {
                headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes() ?? []);
            }
        }

        var key = record.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        var timestamp = record.Message.Timestamp.Type == TimestampType.NotAvailable
            ? (DateTimeOffset?)null
            : DateTimeOffset.FromUnixTimeMilliseconds(record.Message.Timestamp.UnixTimestampMs);
        return new DeadLetterEntry(record.Partition.Value, record.Offset.Value, timestamp, Text(record.Message.Headers, CloudEventHeaders.Id), key, headers);
    }

    private static string? Text(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
