using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Http;

public sealed class StartupConfigurationSpec
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("UserNode:Persistence:Provider", "Oracle", "UserNode:Persistence:Provider")]
    [InlineData("UserNode:Persistence:Provider", "1", "UserNode:Persistence:Provider")]
    [InlineData("UserNode:Persistence:ConnectionString", " ", "UserNode:Persistence:ConnectionString")]
    [InlineData("UserNode:Cluster:Port", "70000", "UserNode:Cluster:Port")]
    [InlineData("UserNode:Cluster:SeedNodes:0", "127.0.0.1:4053", "UserNode:Cluster:SeedNodes:0")]
    [InlineData("UserNode:Users:SnapshotEvery", "-1", "UserNode:Users:SnapshotEvery")]
    [InlineData("UserNode:Signup:AskTimeout", "-00:00:01", "UserNode:Signup:AskTimeout")]
    [InlineData("UserNode:Signup:AskTimeout", "soon", "UserNode:Signup:AskTimeout")]
    [InlineData("UserNode:Signup:PasswordHashIterations", "0", "UserNode:Signup:PasswordHashIterations")]
    [InlineData("UserNode:Signup:RateLimit:PermitLimit", "0", "UserNode:Signup:RateLimit:PermitLimit")]
    [InlineData("UserNode:Publishing:BootstrapServers", "kafka", "UserNode:Publishing:BootstrapServers")]
    [InlineData("UserNode:Telemetry:TraceSampleRatio", "1.5", "UserNode:Telemetry:TraceSampleRatio: must be from 0 to 1")]
    [InlineData("UserNode:Telemetry:PrometheusEndpiont", "false", "UserNode:Telemetry:PrometheusEndpiont: is not a setting of this node, did you mean UserNode:Telemetry:PrometheusEndpoint?")]
    [InlineData("UserNode:Persistance:Provider", "Sqlite", "UserNode:Persistance: is not a setting of this node, did you mean UserNode:Persistence?")]
    [InlineData("UserNode:Signup:AskTimout", "00:00:05", "UserNode:Signup:AskTimout: is not a setting of this node, did you mean UserNode:Signup:AskTimeout?")]
    public async Task A_bad_setting_stops_the_node_at_start_naming_its_key(string key, string value, string named)
    {
        await using var database = new SqliteTestDatabase();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["UserNode:Cluster:Port"] = "0",
            ["UserNode:Persistence:ConnectionString"] = database.ConnectionString,
            [key] = value,
        };

        var (exitCode, output) = await NodeProcess.RunUntilExitAsync(settings, StartDeadline);

        Assert.True(exitCode == 1, $"exit code {exitCode} (1 = did not start; 134 would be a crash); output:\n{output}");
        Assert.Contains("The User node did not start:", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postgresql_database_that_does_not_exist_stops_the_node_at_start_naming_the_key_and_not_the_password()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabases.PostgresConnectionString) { Database = $"missing_{Guid.NewGuid():N}" };
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["UserNode:Cluster:Port"] = "0",
            ["UserNode:Persistence:Provider"] = "PostgreSql",
            ["UserNode:Persistence:ConnectionString"] = server.ConnectionString,
        };

        var (exitCode, output) = await NodeProcess.RunUntilExitAsync(settings, StartDeadline);

        Assert.True(exitCode == 1, $"exit code {exitCode} (1 = did not start); output:\n{output}");
        Assert.Contains(
            $"UserNode:Persistence:ConnectionString: the PostgreSql database does not answer: database \"{server.Database}\" does not exist",
            output,
            StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password!, output, StringComparison.Ordinal);
        // Stopped before the actor system started: no journal retrying its initialization in the log.
        Assert.DoesNotContain("SQL Journal", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sqlite_file_that_cannot_be_opened_stops_the_node_at_start_naming_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("signupemail-user-node-");
        try
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["urls"] = "http://127.0.0.1:0",
                ["UserNode:Cluster:Port"] = "0",
                // A folder where the database file should be.
                ["UserNode:Persistence:ConnectionString"] = $"Data Source={folder.FullName}",
            };

            var (exitCode, output) = await NodeProcess.RunUntilExitAsync(settings, StartDeadline);

            Assert.True(exitCode == 1, $"exit code {exitCode} (1 = did not start); output:\n{output}");
            Assert.Contains(
                $"UserNode:Persistence:ConnectionString: the Sqlite database does not answer: cannot open SQLite database '{folder.FullName}'",
                output,
                StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_running_node_uses_the_hocon_tuning_and_the_sqlite_pragmas()
    {
        await using var database = new SqliteTestDatabase();
        await using var node = new UserNodeFactory(database);
        using var client = node.CreateClient();
        using (await client.PostAsync("/api/users", SignupJson.Signup(SignupJson.UniqueEmail("tuned"))))
        {
        }

        var config = node.Services.GetRequiredService<ActorSystem>().Settings.Config;

        Assert.Equal(32, config.GetInt("akka.persistence.max-concurrent-recoveries"));
        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("Csv", config.GetString("akka.persistence.journal.sql.tag-write-mode"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.NotNull(node.Services.GetRequiredService<IRequiredActor<SignupEmail.UserNode.Users.UserRegion>>());
    }
}
