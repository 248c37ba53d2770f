using SignupEmail.Shared.Sql;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// The databases the send log runs on, named as the User node names its journal database
/// (<c>UserNode:Persistence:Provider</c>), so one deployment uses one vocabulary (<see cref="SqlProviders"/>).
/// </summary>
public static class SendLogProviders
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default.</summary>
    public const string Sqlite = nameof(SqlProvider.Sqlite);

    /// <summary>PostgreSQL 15 or later through Npgsql.</summary>
    public const string PostgreSql = nameof(SqlProvider.PostgreSql);

    /// <summary>SQL Server 2022 through Microsoft.Data.SqlClient: production in docker-compose.</summary>
    public const string SqlServer = nameof(SqlProvider.SqlServer);

    /// <summary>Every documented provider name.</summary>
    public static IReadOnlyList<string> All => SqlProviders.Names;

    /// <summary>
    /// The provider named by <paramref name="value"/> in its canonical spelling, or <c>null</c>: any case,
    /// and the linq2db names older configurations used (<c>SQLite.MS</c>) are accepted.
    /// </summary>
    public static string? Parse(string? value) => SqlProviders.Parse(value)?.ToString();

    /// <summary>The linq2db provider name (the SQL dialect and driver) of a provider named by <paramref name="value"/>.</summary>
    public static string LinqToDbName(string? value) =>
        SqlProviders.Parse(value) is { } provider
            ? SqlProviders.LinqToDbName(provider)
            : throw new ArgumentException($"Unknown send log provider '{value}'; expected one of {string.Join(", ", All)}.", nameof(value));
}
