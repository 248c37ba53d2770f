namespace SignupEmail.UserNode.Users;

/// <summary>Behaviour of each user entity, from <c>UserNode:Users</c>.</summary>
/// <param name="SnapshotEvery">
/// Save a snapshot after every this many events; 0 never saves one, and recovery then reads only the
/// journal, without asking the snapshot store first.
/// </param>
public sealed record UserEntitySettings(int SnapshotEvery)
{
    /// <summary>Whether the entity saves and loads snapshots at all.</summary>
    public bool UsesSnapshots => SnapshotEvery > 0;
}
