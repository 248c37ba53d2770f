using Confluent.Kafka;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.Shared.Contracts;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>A consumed record, what became of it, and the offset to commit once that is durable.</summary>
/// <param name="Kind">Sent, skipped, dead letter or abandoned.</param>
/// <param name="Record">The consumed record.</param>
/// <param name="Offset">Its committable offset.</param>
/// <param name="Event">The decoded event, when it could be decoded.</param>
/// <param name="EventId">The event id, when it could be read (also from an undecodable record's <c>ce_id</c>).</param>
/// <param name="Attempts">Handling attempts made.</param>
/// <param name="Failure">Why it goes to the dead-letter topic; set for <see cref="RecordOutcomeKind.DeadLetter"/>.</param>
public sealed record RecordOutcome(
    RecordOutcomeKind Kind,
    ConsumeResult<byte[], byte[]> Record,
    CommittableOffset Offset,
    UserSignedUp? Event,
    Guid? EventId,
    int Attempts,
    DeadLetterFailure? Failure);
