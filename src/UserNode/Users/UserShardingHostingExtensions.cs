using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace SignupEmail.UserNode.Users;

/// <summary>Registers the user entities with Akka.Hosting.</summary>
public static class UserShardingHostingExtensions
{
    /// <summary>Shard region type name; part of the cluster's wire protocol, never rename.</summary>
    public const string TypeName = "user";

    /// <summary>
    /// Starts the shard region of <see cref="UserEntity"/> (registered as <see cref="UserRegion"/>).
    /// The coordinator state lives in distributed data without remember-entities: entities are
    /// started on demand by the next command and passivate when idle.
    /// </summary>
    public static AkkaConfigurationBuilder WithUserEntities(
        this AkkaConfigurationBuilder builder, UserEntitySettings settings, int maxNumberOfShards, TimeSpan passivateIdleAfter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithShardRegion<UserRegion>(
            TypeName,
            (_, _, resolver) =>
            {
                var logger = resolver.GetService<ILoggerFactory>().CreateLogger<UserEntity>();
                return userId => UserEntity.PropsFor(userId, settings, logger);
            },
            new UserMessageExtractor(maxNumberOfShards),
            new ShardOptions
            {
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = false,
                PassivateIdleEntityAfter = passivateIdleAfter,
                ShouldPassivateIdleEntities = true,
            });
    }
}
