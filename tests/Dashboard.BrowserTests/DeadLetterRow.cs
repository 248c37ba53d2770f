namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>One row of the dashboard's dead-letters panel, as its <c>data-*</c> attributes say.</summary>
/// <param name="Partition">Its partition on the dead-letter topic.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Reason">The <c>dlt-exception-type</c> the Email node gave.</param>
/// <param name="OriginalPartition">The partition of <c>user.signed-up</c> it came from.</param>
/// <param name="OriginalOffset">Its offset there.</param>
public sealed record DeadLetterRow(int Partition, long Offset, string? Reason, int? OriginalPartition, long? OriginalOffset);
