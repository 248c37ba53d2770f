namespace SignupEmail.UserNode.Admin;

/// <summary>The body of <c>POST /admin/cluster/leave</c>.</summary>
/// <param name="Address">The member that should leave the cluster gracefully (it hands its shards and singletons over first).</param>
public sealed record LeaveRequest(string? Address);
