using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Cluster;

/// <summary>Remoting and cluster membership of a user node.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Binds remoting, joins the configured seed nodes (or itself when none are configured) and turns
    /// on the split-brain resolver (keep-majority: after a partition the larger side survives and the
    /// smaller downs itself, so a user's entity never runs on both sides).
    /// </summary>
    public static AkkaConfigurationBuilder WithUserNodeCluster(this AkkaConfigurationBuilder builder, ClusterNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder
            .WithRemoting(options.Hostname, options.Port)
            .WithClustering(new ClusterOptions
            {
                SeedNodes = [.. options.SeedNodes],
                SplitBrainResolver = new KeepMajorityOption(),
            });

        if (options.SeedNodes.Count == 0)
        {
            // The own address is only known once remoting has bound (port 0 picks one), so join here.
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }

        return builder;
    }
}
