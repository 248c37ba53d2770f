namespace SignupEmail.Shared.Sql;

/// <summary>
/// The databases both nodes run on (the User node's journal, the Email node's send log), named the
/// same in <c>UserNode:Persistence:Provider</c> and <c>Email:SendLog:Provider</c>.
/// </summary>
public enum SqlProvider
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: a file, the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL 15 or later through Npgsql.</summary>
    PostgreSql,

    /// <summary>SQL Server 2022 through Microsoft.Data.SqlClient: production in docker-compose.</summary>
    SqlServer,
}
