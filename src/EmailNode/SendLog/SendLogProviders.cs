namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// The databases the send log runs on, named as the User node names its journal database
/// (<c>UserNode:Persistence:Provider</c>), so one deployment uses one vocabulary.
/// </summary>
public static class SendLogProviders
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>PostgreSQL 15 or later through Npgsql.</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary>SQL Server 2022 through Microsoft.Data.SqlClient: production in docker-compose.</summary>
    public const string SqlServer = "SqlServer";

    /// <summary>Every accepted provider name.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite, PostgreSql, SqlServer];

    /// <summary>The provider named by <paramref name="value"/> (case-insensitive) in its canonical spelling, or <c>null</c>.</summary>
    public static string? Parse(string? value) =>
        All.FirstOrDefault(provider => string.Equals(provider, value?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The linq2db provider name (the SQL dialect and driver) of a provider named by <paramref name="value"/>.</summary>
    public static string LinqToDbName(string? value) => Parse(value) switch
    {
        Sqlite => LinqToDB.ProviderName.SQLiteMS,
        PostgreSql => LinqToDB.ProviderName.PostgreSQL15,
        SqlServer => LinqToDB.ProviderName.SqlServer2022,
        _ => throw new ArgumentException($"Unknown send log provider '{value}'; expected one of {string.Join(", ", All)}.", nameof(value)),
    };
}
