using Microsoft.Extensions.Configuration;
using SignupEmail.Shared.Configuration;

namespace SignupEmail.Shared.Tests.Configuration;

public sealed class UnknownSettingKeysSpec
{
    private static readonly Dictionary<string, Type> Bindings = new()
    {
        [string.Empty] = typeof(NodeSettings),
        ["Kafka"] = typeof(KafkaSettings),
    };

    private static IReadOnlyList<string> Problems(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return UnknownSettingKeys.Find(configuration, "Node", Bindings);
    }

    [Fact]
    public void Every_key_a_settings_type_binds_is_accepted_in_any_case()
    {
        var problems = Problems(
            ("Node:From", "a@example.com"),
            ("node:delivery:mode", "Smtp"),
            ("Node:Delivery:MaxAttempts", "3"),
            ("Node:Delivery:Timeout", "00:00:05"),
            ("Node:Seeds:0", "akka.tcp://x@h:1"),
            ("Node:Seeds:1", "akka.tcp://x@h:2"),
            ("Node:Kafka:BootstrapServers", "h:9092"),
            ("Node:Kafka:Retry:MaxBackoff", "00:00:30"),
            ("Node:Kafka:Properties:fetch.wait.max.ms", "10"),
            ("Other:Anything", "not this node's section"));

        Assert.Empty(problems);
    }

    [Fact]
    public void A_misspelt_key_is_named_with_the_key_it_probably_meant()
    {
        var problem = Assert.Single(Problems(("Node:Delivery:MaxAttemps", "3")));

        Assert.Equal("Node:Delivery:MaxAttemps: is not a setting of this node, did you mean Node:Delivery:MaxAttempts?", problem);
    }

    [Fact]
    public void A_misspelt_key_in_a_section_bound_from_a_type_of_its_own_is_found_too()
    {
        var problem = Assert.Single(Problems(("Node:Kafka:Retry:MaxBackof", "00:00:30")));

        Assert.Equal("Node:Kafka:Retry:MaxBackof: is not a setting of this node, did you mean Node:Kafka:Retry:MaxBackoff?", problem);
    }

    [Fact]
    public void A_setting_in_the_wrong_section_is_pointed_to_the_right_one()
    {
        var problem = Assert.Single(Problems(("Node:Kafka:MaxAttempts", "3")));

        Assert.Equal("Node:Kafka:MaxAttempts: is not a setting of this node, did you mean Node:Delivery:MaxAttempts?", problem);
    }

    [Fact]
    public void A_misspelt_section_is_named_once_and_a_key_below_a_value_is_named()
    {
        var problems = Problems(("Node:Delivry:Mode", "Smtp"), ("Node:Delivry:MaxAttempts", "3"), ("Node:From:Name", "x"));

        Assert.Equal(
            [
                "Node:Delivry: is not a setting of this node, did you mean Node:Delivery?",
                "Node:From:Name: is not a setting of this node (misspelt, or in the wrong section?).",
            ],
            problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_key_far_from_every_setting_gets_no_guess()
    {
        var problem = Assert.Single(Problems(("Node:Colour", "blue")));

        Assert.Equal("Node:Colour: is not a setting of this node (misspelt, or in the wrong section?).", problem);
    }

    private sealed record NodeSettings
    {
        public string From { get; init; } = string.Empty;

        public DeliverySettings Delivery { get; init; } = new();

        public List<string> Seeds { get; } = [];
    }

    private sealed record DeliverySettings
    {
        public string Mode { get; init; } = "Pickup";

        public int MaxAttempts { get; init; }

        public TimeSpan? Timeout { get; init; }
    }

    private sealed record KafkaSettings
    {
        public string BootstrapServers { get; init; } = string.Empty;

        public RetrySettings Retry { get; init; } = new();

        public Dictionary<string, string> Properties { get; init; } = [];
    }

    private sealed record RetrySettings
    {
        public TimeSpan MaxBackoff { get; init; }
    }
}
