using Akka.Cluster.Sharding;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Users;

/// <summary>Routes <see cref="IWithUserId"/> commands to their entity; the shard is a stable hash of the id.</summary>
/// <param name="maxNumberOfShards">Shard count; must never change while data exists.</param>
public sealed class UserMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    /// <inheritdoc />
    public override string? EntityId(object message) => message switch
    {
        IWithUserId command => command.UserId,
        _ => null,
    };
}
