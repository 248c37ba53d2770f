using SignupEmail.EmailNode.SendLog;

namespace SignupEmail.EmailNode.Tests;

public sealed class SendLogProvidersSpec
{
    [Theory]
    [InlineData("Sqlite", "Sqlite", "SQLite.MS")]
    [InlineData("sqlite", "Sqlite", "SQLite.MS")]
    [InlineData(" PostgreSql ", "PostgreSql", "PostgreSQL.15")]
    [InlineData("POSTGRESQL", "PostgreSql", "PostgreSQL.15")]
    [InlineData("SqlServer", "SqlServer", "SqlServer.2022")]
    [InlineData("SQLite.MS", "Sqlite", "SQLite.MS")] // the linq2db names older configurations used
    [InlineData("PostgreSQL.15", "PostgreSql", "PostgreSQL.15")]
    [InlineData("SqlServer.2022", "SqlServer", "SqlServer.2022")]
    public void The_user_nodes_names_are_accepted_in_any_case_and_so_are_the_older_linq2db_names(string configured, string canonical, string linqToDb)
    {
        Assert.Equal(canonical, SendLogProviders.Parse(configured));
        Assert.Equal(linqToDb, SendLogProviders.LinqToDbName(configured));
    }

    [Theory]
    [InlineData("SQLite.Classic")]
    [InlineData("MySql")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused_with_the_accepted_names(string? configured)
    {
        Assert.Null(SendLogProviders.Parse(configured));
        var error = Assert.Throws<ArgumentException>(() => SendLogProviders.LinqToDbName(configured));
        Assert.Contains("Sqlite, PostgreSql, SqlServer", error.Message, StringComparison.Ordinal);
    }
}
