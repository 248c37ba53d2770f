using System.Diagnostics.CodeAnalysis;

namespace SignupEmail.Shared.Contracts;

/// <summary>The outcome of decoding one record: the event, or why there is none.</summary>
public sealed record DecodeResult
{
    private DecodeResult(UserSignedUp? @event, DecodeFailure? failure, string? traceParent)
    {
        Event = @event;
        Failure = failure;
        TraceParent = traceParent;
    }

    /// <summary>The decoded event; set exactly when <see cref="IsDecoded"/>.</summary>
    public UserSignedUp? Event { get; }

    /// <summary>Why decoding failed; set exactly when <see cref="IsDecoded"/> is false.</summary>
    public DecodeFailure? Failure { get; }

    /// <summary>The record's W3C <c>traceparent</c> header, if any, to continue the trace.</summary>
    public string? TraceParent { get; }

    /// <summary>True when <see cref="Event"/> holds a valid event.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsDecoded => Event is not null;

    /// <summary>A successful result.</summary>
    public static DecodeResult Decoded(UserSignedUp @event, string? traceParent) =>
        new(@event ?? throw new ArgumentNullException(nameof(@event)), null, traceParent);

    /// <summary>A failed result.</summary>
    public static DecodeResult Failed(DecodeFailure failure, string? traceParent) =>
        new(null, failure ?? throw new ArgumentNullException(nameof(failure)), traceParent);
}
