namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>Header names the Email node adds to a record it writes to the dead-letter topic.</summary>
public static class DeadLetterHeaders
{
    /// <summary>Prefix shared by every dead-letter header; a replay strips headers with it.</summary>
    public const string Prefix = "dlt-";

    /// <summary>Topic the record was consumed from.</summary>
    public const string OriginalTopic = "dlt-original-topic";

    /// <summary>Partition the record was consumed from (the DLT record is written to the same partition number).</summary>
    public const string OriginalPartition = "dlt-original-partition";

    /// <summary>Offset of the record in its original partition.</summary>
    public const string OriginalOffset = "dlt-original-offset";

    /// <summary>Timestamp of the original record, milliseconds since the Unix epoch.</summary>
    public const string OriginalTimestamp = "dlt-original-timestamp";

    /// <summary>Consumer group that gave up on the record.</summary>
    public const string ConsumerGroup = "dlt-consumer-group";

    /// <summary>Type of the failure (a CLR exception type, or the decode failure kind).</summary>
    public const string ExceptionType = "dlt-exception-type";

    /// <summary>Message of the failure, length-bounded, e-mail addresses masked.</summary>
    public const string ExceptionMessage = "dlt-exception-message";

    /// <summary>Handling attempts made, the last one included.</summary>
    public const string Attempts = "dlt-attempts";

    /// <summary>When the record was given up, RFC 3339 UTC.</summary>
    public const string FailedAt = "dlt-failed-at";

    /// <summary>Longest <see cref="ExceptionMessage"/> value, in characters.</summary>
    public const int MaxMessageLength = 1000;

    /// <summary>True for the headers this node adds (and a replay removes).</summary>
    public static bool IsDeadLetterHeader(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
}
