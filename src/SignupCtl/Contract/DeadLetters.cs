namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/dead-letters</c>: one page of the dead-letter topic; <c>Next</c> is the following page's path.</summary>
internal sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, string? Next);

/// <summary>One record on the dead-letter topic with its <c>dlt-*</c> headers.</summary>
internal sealed record DeadLetter(
    int Partition, long Offset, DateTimeOffset Timestamp, string? EventId, string? Key, IReadOnlyDictionary<string, string> Headers);

/// <summary>The body of <c>POST /admin/dead-letters/replay</c>: everything, or a partition's offset range.</summary>
internal sealed record ReplaySelection(bool? All = null, int? Partition = null, long? FromOffset = null, long? ToOffset = null);

/// <summary>The answer to <see cref="ReplaySelection"/>.</summary>
internal sealed record ReplayResult(int Replayed);
