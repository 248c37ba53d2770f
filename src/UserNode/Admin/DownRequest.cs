namespace SignupEmail.UserNode.Admin;

/// <summary>The body of <c>POST /admin/cluster/down</c>.</summary>
/// <param name="Address">The member to mark Down: for one that is gone (crashed, cut off) and cannot leave by itself.</param>
/// <param name="Force">Required to down the answering node itself, which ends it.</param>
public sealed record DownRequest(string? Address, bool Force = false);
