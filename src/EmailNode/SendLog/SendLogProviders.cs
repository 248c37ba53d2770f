namespace SignupEmail.EmailNode.SendLog;

/// <summary>The databases the send log runs on, by linq2db provider name (the names Akka.Persistence.Sql uses too).</summary>
public static class SendLogProviders
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default.</summary>
    public const string Sqlite = "SQLite.MS";

    /// <summary>PostgreSQL 15 or later through Npgsql.</summary>
    public const string PostgreSql = "PostgreSQL.15";

    /// <summary>SQL Server 2022 through Microsoft.Data.SqlClient: production in docker-compose.</summary>
    public const string SqlServer = "SqlServer.2022";

    /// <summary>Every accepted provider name.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite, PostgreSql, SqlServer];
}
