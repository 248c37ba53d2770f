namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/cluster</c>: the User nodes' cluster as the asked node sees it.</summary>
internal sealed record ClusterState(string Self, string? Leader, IReadOnlyList<ClusterMember> Members, IReadOnlyList<string> Unreachable);

/// <summary>One member of <see cref="ClusterState"/>; <c>Status</c> is Akka's <c>MemberStatus</c> name.</summary>
internal sealed record ClusterMember(
    string Address, string Status, IReadOnlyList<string> Roles, int? UpNumber, bool Reachable, bool IsSelf, bool IsLeader);

/// <summary>The body of <c>POST /admin/cluster/leave</c> and <c>/down</c>.</summary>
internal sealed record ClusterCommand(string Address, bool? Force = null);

/// <summary>The 202 answer to <see cref="ClusterCommand"/>.</summary>
internal sealed record ClusterCommandAccepted(string Address, string Action);
