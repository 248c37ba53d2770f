namespace SignupEmail.UserNode.Users;

/// <summary>Behaviour of each user entity, from <c>UserNode:Users</c>.</summary>
/// <param name="SnapshotEvery">Save a snapshot after every this many events.</param>
public sealed record UserEntitySettings(int SnapshotEvery);
