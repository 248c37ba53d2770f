namespace SignupEmail.UserNode.Configuration;

/// <summary>Sharding and persistence behaviour of the user entities (<c>UserNode:Users</c>).</summary>
public sealed class UserEntityOptions
{
    /// <summary>
    /// Save a snapshot after every this many events of one entity; 0 (the default) never does and
    /// skips the snapshot store on recovery. A user has one event today, so a snapshot never pays for
    /// the query that looks for it on every recovery. Events are never deleted, so either setting
    /// recovers the same state from the same journal.
    /// </summary>
    public int SnapshotEvery { get; set; }

    /// <summary>Stop an entity after this long without a message; it recovers on the next one.</summary>
    public TimeSpan PassivateIdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Shards of the region: about ten per node at the largest planned cluster. Never change it with data present.</summary>
    public int NumberOfShards { get; set; } = 100;
}
