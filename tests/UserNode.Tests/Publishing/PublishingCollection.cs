using SignupEmail.Testing;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>Publishing tests share one embedded Kafka cluster and run one after another (some take its brokers down).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishingCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "publishing";
}
