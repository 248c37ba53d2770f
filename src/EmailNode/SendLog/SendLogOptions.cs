namespace SignupEmail.EmailNode.SendLog;

/// <summary>The send log's database (<c>Email:SendLog</c>).</summary>
public sealed record SendLogOptions
{
    /// <summary><c>Email:SendLog:Provider</c>: one of <see cref="SendLogProviders.All"/>, case-insensitive.</summary>
    public string Provider { get; init; } = SendLogProviders.Sqlite;

    /// <summary><c>Email:SendLog:ConnectionString</c>, in the provider's own format.</summary>
    public string ConnectionString { get; init; } = "Data Source=email-send-log.db";
}
