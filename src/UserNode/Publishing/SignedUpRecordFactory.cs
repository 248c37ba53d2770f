using Confluent.Kafka;
using SignupEmail.Shared.Contracts;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// Turns a journaled <see cref="UserRegistered"/> into the <c>user.signed-up</c> record: key = user
/// id, value and CloudEvents headers from <see cref="UserSignedUpEncoder"/>, the <c>traceparent</c>
/// captured at signup. The password hash and the normalized address stay behind. The address goes
/// out in canonical form, also for journal entries written before there was one (a Unicode domain).
/// </summary>
internal sealed class SignedUpRecordFactory
{
    private readonly string _topic;
    private readonly UserSignedUpEncoder _encoder;
    private readonly int _roundRobinPartitions;
    private int _nextPartition;

    /// <param name="topic">Target topic.</param>
    /// <param name="source">CloudEvents source.</param>
    /// <param name="roundRobinPartitions">Partitions of the topic to rotate over; 0 leaves the choice to the producer's partitioner (key hash).</param>
    public SignedUpRecordFactory(string topic, string source, int roundRobinPartitions)
    {
        _topic = topic;
        _encoder = new UserSignedUpEncoder(source);
        _roundRobinPartitions = roundRobinPartitions;
    }

    /// <summary>The record, or <see cref="ArgumentException"/> for an event no consumer could use.</summary>
    public ProducerRecord<byte[], byte[]> Create(UserRegistered registered)
    {
        var email = EmailAddress.TryCanonicalize(registered.Email, out var canonical, out _) ? canonical : registered.Email;
        var encoded = _encoder.Encode(
            new UserSignedUp(registered.EventId, registered.UserId, email, registered.Name, registered.Locale, registered.RegisteredAt),
            registered.TraceParent);
        var headers = new Headers();
        foreach (var header in encoded.Headers)
        {
            headers.Add(header.Name, header.Value);
        }

        var message = new Message<byte[], byte[]> { Key = encoded.Key, Value = encoded.Value, Headers = headers };
        var partition = _roundRobinPartitions > 0 ? new Partition(_nextPartition++ % _roundRobinPartitions) : Partition.Any;
        if (_nextPartition == _roundRobinPartitions)
        {
            _nextPartition = 0;
        }

        return new ProducerRecord<byte[], byte[]>(new TopicPartition(_topic, partition), message);
    }
}
