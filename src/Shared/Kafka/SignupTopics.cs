namespace SignupEmail.Shared.Kafka;

/// <summary>The Kafka topics the two services share, and their shape in every environment.</summary>
public static class SignupTopics
{
    /// <summary>One record per registered user, keyed by user id.</summary>
    public const string UserSignedUp = "user.signed-up";

    /// <summary>Records of <see cref="UserSignedUp"/> the Email service could not handle, with diagnostics.</summary>
    public const string UserSignedUpDeadLetter = "user.signed-up.dlt";

    /// <summary>Partitions of both topics: one per e-mail consumer in the course design.</summary>
    public const int Partitions = 3;

    /// <summary>Replication factor of both topics: one replica on each of the three brokers.</summary>
    public const int ReplicationFactor = 3;

    /// <summary>Both topics, in creation order.</summary>
    public static IReadOnlyList<string> All { get; } = [UserSignedUp, UserSignedUpDeadLetter];
}
