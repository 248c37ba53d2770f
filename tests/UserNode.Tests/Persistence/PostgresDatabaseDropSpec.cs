using System.Diagnostics;
using Npgsql;
using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Persistence;

/// <summary>The scratch databases' clean-up: PostgreSQL's passing refusals are retried, real failures are not.</summary>
public sealed class PostgresDatabaseDropSpec
{
    private static PostgresException Refusal(string sqlState) =>
        new($"refused ({sqlState})", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.InsufficientPrivilege)] // an autovacuum worker is connected
    [InlineData(PostgresErrorCodes.ObjectInUse)]
    public async Task A_drop_refused_for_a_passing_reason_is_retried_until_it_succeeds(string sqlState)
    {
        var attempts = 0;

        await PostgresDatabaseDrop.RetryAsync(
            () => ++attempts < 3 ? throw Refusal(sqlState) : Task.CompletedTask,
            TimeSpan.FromSeconds(30));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_refusal_that_outlasts_the_deadline_fails_the_clean_up()
    {
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PostgresException>(() => PostgresDatabaseDrop.RetryAsync(
            () => throw Refusal(PostgresErrorCodes.InsufficientPrivilege), TimeSpan.FromSeconds(1)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Any_other_failure_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<PostgresException>(() => PostgresDatabaseDrop.RetryAsync(
            () => { attempts++; throw Refusal(PostgresErrorCodes.SyntaxError); }, TimeSpan.FromSeconds(30)));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_scratch_database_that_a_session_still_uses_is_dropped()
    {
        var database = await PostgresScratchDatabase.CreateAsync("drop_spec");
        await using var leaked = new NpgsqlConnection(database.ConnectionString + ";Pooling=false");
        await leaked.OpenAsync();

        await database.DisposeAsync();

        await using var admin = new NpgsqlConnection(TestDatabases.PostgresConnectionString);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin);
        exists.Parameters.AddWithValue("name", database.Name);
        Assert.Equal(0L, (long)(await exists.ExecuteScalarAsync())!);
    }
}
