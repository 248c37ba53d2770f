namespace SignupEmail.UserNode.Users;

/// <summary>Registry key of the user shard region: inject <c>IRequiredActor&lt;UserRegion&gt;</c>.</summary>
public sealed class UserRegion;
