using Akka.Actor;
using Akka.Cluster;

namespace SignupEmail.UserNode.Admin;

/// <summary>What <c>GET /admin/cluster</c> answers: the cluster as the answering node sees it.</summary>
/// <param name="Self">The answering node's address.</param>
/// <param name="Leader">The leader's address; <c>null</c> while there is none (no member is Up yet).</param>
/// <param name="Members">Every member, in address order.</param>
/// <param name="Unreachable">Addresses of the members this node cannot reach.</param>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members, IReadOnlyList<string> Unreachable)
{
    /// <summary>The view of <paramref name="state"/> from the node at <paramref name="self"/>.</summary>
    public static ClusterView Of(ClusterEvent.CurrentClusterState state, Address self)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(self);
        var ages = AgeRanks(state.Members);
        var members = state.Members.Select(member => new ClusterMemberView(
            member.Address.ToString(),
            member.Status.ToString(),
            [.. member.Roles.Order(StringComparer.Ordinal)],
            ages.TryGetValue(member.Address, out var age) ? age : null,
            !state.Unreachable.Contains(member),
            member.Address == self,
            member.Address == state.Leader));
        return new ClusterView(
            self.ToString(),
            state.Leader?.ToString(),
            [.. members],
            [.. state.Unreachable.Select(member => member.Address.ToString()).Order(StringComparer.Ordinal)]);
    }

    // Akka keeps a member's up-number internal but orders members by it (Member.AgeOrdering), the
    // order singletons follow: 1 is the oldest. Joining and WeaklyUp members have no up-number yet.
    private static Dictionary<Address, int?> AgeRanks(IEnumerable<Member> members) =>
        members
            .Where(member => member.Status is not (MemberStatus.Joining or MemberStatus.WeaklyUp))
            .Order(Member.AgeOrdering)
            .Select((member, index) => (member.Address, Rank: (int?)(index + 1)))
            .ToDictionary(pair => pair.Address, pair => pair.Rank);
}
