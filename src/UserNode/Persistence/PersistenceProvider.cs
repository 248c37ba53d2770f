namespace SignupEmail.UserNode.Persistence;

/// <summary>The databases the journal and snapshot store can run on.</summary>
public enum PersistenceProvider
{
    /// <summary>Embedded default: a file under <c>./data</c>.</summary>
    Sqlite,

    /// <summary>PostgreSQL 15 or later through Npgsql.</summary>
    PostgreSql,

    /// <summary>SQL Server 2022 through Microsoft.Data.SqlClient.</summary>
    SqlServer,
}
