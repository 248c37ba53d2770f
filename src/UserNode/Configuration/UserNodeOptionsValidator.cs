using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting.Admin;
using SignupEmail.Shared.Kafka;
using SignupEmail.Shared.Sql;

namespace SignupEmail.UserNode.Configuration;

/// <summary>
/// Checks <see cref="UserNodeOptions"/> at start-up and names the full configuration key of every
/// bad value, so a typo fails the start instead of a request.
/// </summary>
public sealed class UserNodeOptionsValidator : IValidateOptions<UserNodeOptions>
{
    /// <summary>The partitioning named by <paramref name="value"/> (case-insensitive), or <c>null</c>.</summary>
    public static PublishingPartitioning? ParsePartitioning(string? value) =>
        Enum.TryParse<PublishingPartitioning>(value, ignoreCase: true, out var partitioning)
        && Enum.IsDefined(partitioning)
        && !int.TryParse(value, out _)
            ? partitioning
            : null;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, UserNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok)
            {
                failures.Add($"{UserNodeOptions.Section}:{key}: {rule}");
            }
        }

        var persistence = options.Persistence;
        Require(
            SqlProviders.Parse(persistence.Provider) is not null,
            "Persistence:Provider",
            $"'{persistence.Provider}' is not one of {string.Join(", ", SqlProviders.Names)}.");
        Require(!string.IsNullOrWhiteSpace(persistence.ConnectionString), "Persistence:ConnectionString", "is required.");

        var cluster = options.Cluster;
        Require(!string.IsNullOrWhiteSpace(cluster.Hostname), "Cluster:Hostname", "is required.");
        Require(cluster.Port is >= 0 and <= 65535, "Cluster:Port", "must be 0 (any free port) to 65535.");
        for (var i = 0; i < cluster.SeedNodes.Count; i++)
        {
            Require(
                Uri.TryCreate(cluster.SeedNodes[i], UriKind.Absolute, out var seed) && seed.Scheme.StartsWith("akka", StringComparison.Ordinal),
                $"Cluster:SeedNodes:{i}",
                $"'{cluster.SeedNodes[i]}' is not an Akka address like akka.tcp://{UserNodeActorSystem.Name}@host:4053.");
        }

        var users = options.Users;
        Require(users.SnapshotEvery >= 0, "Users:SnapshotEvery", "must be 0 (no snapshots) or more.");
        Require(users.PassivateIdleAfter > TimeSpan.Zero, "Users:PassivateIdleAfter", "must be positive.");
        Require(users.NumberOfShards >= 1, "Users:NumberOfShards", "must be at least 1.");

        var admin = options.Admin;
        if (AdminKey.Problem($"{UserNodeOptions.Section}:Admin:ApiKey", admin.ApiKey) is { } keyProblem)
        {
            failures.Add(keyProblem);
        }

        Require(admin.RequestTimeout > TimeSpan.Zero && admin.RequestTimeout <= TimeSpan.FromMinutes(2), "Admin:RequestTimeout", "must be above zero and at most 00:02:00.");

        var signup = options.Signup;
        Require(signup.AskTimeout > TimeSpan.Zero, "Signup:AskTimeout", "must be positive.");
        Require(signup.RetryAfterSeconds >= 1, "Signup:RetryAfterSeconds", "must be at least 1.");
        Require(signup.IdempotencyKeyLifetime > TimeSpan.Zero, "Signup:IdempotencyKeyLifetime", "must be positive.");
        Require(signup.PasswordHashIterations >= 1, "Signup:PasswordHashIterations", "must be at least 1.");
        Require(signup.RateLimit.PermitLimit >= 1, "Signup:RateLimit:PermitLimit", "must be at least 1.");
        Require(signup.RateLimit.Window > TimeSpan.Zero, "Signup:RateLimit:Window", "must be positive.");

        ValidatePublishing(options.Publishing, Require);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidatePublishing(PublishingOptions publishing, Action<bool, string, string> require)
    {
        var bootstrapProblem = BootstrapServerList.Problem(publishing.BootstrapServers);
        require(bootstrapProblem is null, "Publishing:BootstrapServers", bootstrapProblem ?? string.Empty);
        require(!string.IsNullOrWhiteSpace(publishing.Topic), "Publishing:Topic", "is required.");
        require(
            ParsePartitioning(publishing.Partitioning) is not null,
            "Publishing:Partitioning",
            $"'{publishing.Partitioning}' is not one of {string.Join(", ", Enum.GetNames<PublishingPartitioning>())}.");
        require(
            !string.IsNullOrWhiteSpace(publishing.CloudEventsSource) && Uri.TryCreate(publishing.CloudEventsSource, UriKind.RelativeOrAbsolute, out _),
            "Publishing:CloudEventsSource",
            "must be a URI reference such as /signupemail/user-node.");
        require(publishing.FallbackPollInterval > TimeSpan.Zero, "Publishing:FallbackPollInterval", "must be positive.");
        require(publishing.GapTimeout > TimeSpan.Zero, "Publishing:GapTimeout", "must be positive.");
        require(publishing.BatchSize >= 1, "Publishing:BatchSize", "must be at least 1.");
        require(publishing.MaxInFlight >= publishing.BatchSize, "Publishing:MaxInFlight", "must be at least Publishing:BatchSize.");
        require(publishing.OffsetSaveInterval > TimeSpan.Zero, "Publishing:OffsetSaveInterval", "must be positive.");
        require(publishing.MinBackoff > TimeSpan.Zero, "Publishing:MinBackoff", "must be positive.");
        require(publishing.MaxBackoff >= publishing.MinBackoff, "Publishing:MaxBackoff", "must be at least Publishing:MinBackoff.");
        require(publishing.StalledAfter > TimeSpan.Zero, "Publishing:StalledAfter", "must be positive.");
    }
}
