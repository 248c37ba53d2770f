namespace SignupEmail.Testing;

/// <summary>Connection settings of the real database servers the test script starts.</summary>
public static class TestDatabases
{
    /// <summary>Environment variable that <c>test.sh</c> sets to an Npgsql connection string.</summary>
    public const string PostgresVariable = "SIGNUPEMAIL_TEST_POSTGRES";

    /// <summary>
    /// The PostgreSQL server's connection string. Tests that need it fail (never skip) when it is
    /// missing, so a CI run cannot pass without having tested on PostgreSQL.
    /// </summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests through ./test.sh, which starts PostgreSQL and sets it.");
}
