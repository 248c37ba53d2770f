using System.Globalization;
using Npgsql;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// The environment variables each node process is configured by, as an operator would set them
/// (<c>Section__Key</c>; see the README's configuration tables).
/// </summary>
internal static class NodeSettings
{
    /// <summary>Consumer session timeout of the Email nodes: how long the group takes to notice a killed member.</summary>
    public const int SessionTimeoutMs = 6000;

    public static Dictionary<string, string> UserNode(
        int httpPort, int remotingPort, string? seedNode, string journalConnectionString, string bootstrapServers)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Url(httpPort),
            // The test reads "Journal publisher started" (Information) from the output.
            ["Logging__LogLevel__Default"] = "Information",
            ["UserNode__Persistence__Provider"] = "PostgreSql",
            ["UserNode__Persistence__ConnectionString"] = WithPoolSize(journalConnectionString, 30),
            ["UserNode__Cluster__Hostname"] = "127.0.0.1",
            ["UserNode__Cluster__Port"] = remotingPort.ToString(CultureInfo.InvariantCulture),
            ["UserNode__Publishing__BootstrapServers"] = bootstrapServers,
            // The test is about failover, not about hashing: 1 000 real hashes cost ~50 s of CPU here.
            ["UserNode__Signup__PasswordHashIterations"] = "1000",
            // All requests come from one address; the per-client limit would turn the load into 429s.
            ["UserNode__Signup__RateLimit__PermitLimit"] = "100000",
        };
        if (seedNode is not null)
        {
            settings["UserNode__Cluster__SeedNodes__0"] = seedNode;
        }

        return settings;
    }

    public static Dictionary<string, string> EmailNode(
        int httpPort, string sendLogConnectionString, string pickupFolder, string bootstrapServers, string adminKey) => new(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Url(httpPort),
            // The test counts deliveries by the "Welcome e-mail for event ... written to" lines (Information).
            ["Logging__LogLevel__Default"] = "Information",
            ["Email__Kafka__BootstrapServers"] = bootstrapServers,
            // librdkafka's default (45 s) is how long the group would wait for a killed member before
            // giving its partitions to the survivor; the mock cluster's rebalances also wait about this long.
            ["Email__Kafka__KafkaProperties__session.timeout.ms"] = SessionTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ["Email__Kafka__KafkaProperties__heartbeat.interval.ms"] = "1000",
            ["Email__SendLog__Provider"] = "PostgreSql",
            ["Email__SendLog__ConnectionString"] = WithPoolSize(sendLogConnectionString, 10),
            ["Email__Delivery__Mode"] = "Pickup",
            ["Email__Pickup__Folder"] = pickupFolder,
            ["Email__Admin__ApiKey"] = adminKey,
        };

    public static string Url(int port) => $"http://127.0.0.1:{port}";

    // Four node processes share the test server's connections (PostgreSQL allows 100 by default).
    private static string WithPoolSize(string connectionString, int size) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size }.ConnectionString;
}
