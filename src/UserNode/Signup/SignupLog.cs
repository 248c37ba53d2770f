namespace SignupEmail.UserNode.Signup;

/// <summary>Log events of the signup API. Addresses are passed masked; passwords and hashes never.</summary>
internal static partial class SignupLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Signup of {Email} refused: already registered")]
    public static partial void AlreadyRegistered(ILogger logger, string email);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Signup of {Email} failed: user entity unavailable ({Reason})")]
    public static partial void EntityUnavailable(ILogger logger, string email, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Signup of {Email} got no answer within {Timeout}")]
    public static partial void TimedOut(ILogger logger, string email, TimeSpan timeout);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Signup of {Email} retried with its idempotency key: answered as the first time")]
    public static partial void Replayed(ILogger logger, string email);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Signup of {Email} refused: its idempotency key belongs to a different signup of this address")]
    public static partial void IdempotencyKeyReused(ILogger logger, string email);
}
