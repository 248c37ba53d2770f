using SignupEmail.Testing;

namespace SignupEmail.Streams.Kafka.Tests;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "embedded kafka";
}
