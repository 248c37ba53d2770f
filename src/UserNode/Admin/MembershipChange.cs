namespace SignupEmail.UserNode.Admin;

/// <summary>The 202 answer of a leave or down: the request is handed to the cluster, which carries it out.</summary>
/// <param name="Address">The member concerned.</param>
/// <param name="Action"><c>leave</c> or <c>down</c>.</param>
public sealed record MembershipChange(string Address, string Action);
