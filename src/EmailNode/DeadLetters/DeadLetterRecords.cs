using System.Globalization;
using System.Text;
using Confluent.Kafka;
using SignupEmail.Shared.Contracts;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>Builds the dead-letter record of a consumed record: its own bytes plus the diagnostic headers.</summary>
public static class DeadLetterRecords
{
    /// <summary>
    /// The record for <paramref name="deadLetterTopic"/>: the original key, value and headers (any
    /// earlier dead-letter headers replaced), the <see cref="DeadLetterHeaders"/>, and the original
    /// partition number, so per-partition order and ownership carry over.
    /// </summary>
    public static ProducerRecord<byte[], byte[]> Create(
        ConsumeResult<byte[], byte[]> source, string deadLetterTopic, string groupId, DeadLetterFailure failure, DateTimeOffset failedAt)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(deadLetterTopic);
        ArgumentNullException.ThrowIfNull(failure);

        var headers = new Headers();
        if (source.Message.Headers is { } original)
        {
            foreach (var header in original.Where(h => !DeadLetterHeaders.IsDeadLetterHeader(h.Key)))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        void Add(string name, string value) => headers.Add(name, Encoding.UTF8.GetBytes(value));
        Add(DeadLetterHeaders.OriginalTopic, source.Topic);
        Add(DeadLetterHeaders.OriginalPartition, source.Partition.Value.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.OriginalOffset, source.Offset.Value.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.OriginalTimestamp, source.Message.Timestamp.UnixTimestampMs.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.ConsumerGroup, groupId);
        Add(DeadLetterHeaders.ExceptionType, failure.Type);
        Add(DeadLetterHeaders.ExceptionMessage, SafeMessage(failure.Message));
        Add(DeadLetterHeaders.Attempts, failure.Attempts.ToString(CultureInfo.InvariantCulture));
        Add(DeadLetterHeaders.FailedAt, failedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

        var message = new Message<byte[], byte[]> { Key = source.Message.Key, Value = source.Message.Value, Headers = headers };
        return new ProducerRecord<byte[], byte[]>(new TopicPartition(deadLetterTopic, source.Partition), message);
    }

    /// <summary>A failure message fit for a header anyone may read: addresses masked, one line, bounded.</summary>
    public static string SafeMessage(string? message)
    {
        var masked = EmailAddress.MaskWithin(message).ReplaceLineEndings(" ");
        return masked.Length <= DeadLetterHeaders.MaxMessageLength
            ? masked
            : string.Concat(masked.AsSpan(0, DeadLetterHeaders.MaxMessageLength - 1), "…");
    }
}
