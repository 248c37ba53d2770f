using SignupEmail.Testing;

namespace SignupEmail.EmailNode.Tests.Consuming;

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaClusterFixture>
{
    public const string Name = "embedded kafka";
}
