using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>
/// A plain Confluent consumer (not our stages) assigned to every partition of a topic from the
/// beginning, collecting every record in the background.
/// </summary>
public sealed class SignedUpTopicReader : IAsyncDisposable
{
    private readonly ConcurrentQueue<ConsumeResult<byte[], byte[]>> _records = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SignedUpTopicReader(string bootstrapServers, string topic, int partitions = 3)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "unused-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        _loop = Task.Factory.StartNew(
            () =>
            {
                using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
                consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
                while (!_stop.IsCancellationRequested)
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    if (result is { IsPartitionEOF: false, Message: not null })
                    {
                        _records.Enqueue(result);
                    }
                }

                consumer.Close();
            },
            TaskCreationOptions.LongRunning);
    }

    public IReadOnlyCollection<ConsumeResult<byte[], byte[]>> Records => _records;

    /// <summary>The <c>ce_id</c> header of every record read so far.</summary>
    public IReadOnlyList<Guid> EventIds => [.. _records.Select(r => Guid.Parse(Header(r, CloudEventHeaders.Id)!))];

    public static string? Header(ConsumeResult<byte[], byte[]> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
