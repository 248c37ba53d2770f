namespace SignupEmail.Dashboard.Snapshot;

/// <summary>A dead letter with its <c>dlt-*</c> diagnostics: why it failed and where it came from.</summary>
public sealed record DeadLetterRow(
    int Partition, long Offset, DateTimeOffset Timestamp, string? EventId, string? Reason, string? Message,
    int? OriginalPartition, long? OriginalOffset);
