using SignupEmail.Testing;

namespace SignupEmail.EmbeddedKafka.Tests;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "embedded kafka";
}
