namespace SignupEmail.UserNode.Configuration;

/// <summary>How records are spread over the topic's partitions (<c>UserNode:Publishing:Partitioning</c>).</summary>
public enum PublishingPartitioning
{
    /// <summary>The producer hashes the key (the user id): one user always lands on one partition.</summary>
    KeyHash,

    /// <summary>The publisher picks the partitions in turn, ignoring the key (the course's design).</summary>
    RoundRobin,
}
