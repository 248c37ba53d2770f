namespace SignupEmail.UserNode.Admin;

/// <summary>One cluster member as the answering node sees it.</summary>
/// <param name="Address">The member's Akka address, e.g. <c>akka.tcp://signup-user@127.0.0.1:4053</c>.</param>
/// <param name="Status">Akka's <c>MemberStatus</c> name: <c>Joining</c>, <c>WeaklyUp</c>, <c>Up</c>, <c>Leaving</c>, <c>Exiting</c>, <c>Down</c>, <c>Removed</c>.</param>
/// <param name="Roles">The member's cluster roles.</param>
/// <param name="UpNumber">The member's age order, 1 for the oldest (which runs the singletons); <c>null</c> while it is Joining or WeaklyUp.</param>
/// <param name="Reachable">False when this node's failure detector has lost the member.</param>
/// <param name="IsSelf">True for the node answering.</param>
/// <param name="IsLeader">True for the cluster's leader.</param>
public sealed record ClusterMemberView(
    string Address, string Status, IReadOnlyList<string> Roles, int? UpNumber, bool Reachable, bool IsSelf, bool IsLeader);
