using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Settings;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests.Brokerless;

/// <summary>
/// Which consumer errors fail the source and which are logged while librdkafka retries, on a
/// consumer without a broker. Follows Akka.Streams.Kafka's consumer decider (DefaultConsumerDecider).
/// </summary>
public sealed class ConsumeErrorDeciderSpec(ITestOutputHelper output) : BrokerlessSpecBase(output)
{
    private static readonly Error BrokersDown = new(ErrorCode.Local_AllBrokersDown, "all brokers are down", isFatal: false);

    [Fact]
    public void The_default_decider_fails_on_records_that_cannot_be_deserialized_and_retries_the_rest()
    {
        Assert.Equal(ConsumeErrorDirective.Fail, ConsumeErrorDeciders.Default(new Error(ErrorCode.Local_ValueDeserialization)));
        Assert.Equal(ConsumeErrorDirective.Fail, ConsumeErrorDeciders.Default(new Error(ErrorCode.Local_KeyDeserialization)));
        Assert.Equal(ConsumeErrorDirective.LogAndRetry, ConsumeErrorDeciders.Default(BrokersDown));
        Assert.Equal(ConsumeErrorDirective.LogAndRetry, ConsumeErrorDeciders.Default(new Error(ErrorCode.NotLeaderForPartition)));
    }

    [Fact]
    public async Task A_poll_error_the_decider_retries_is_logged_and_consumption_goes_on()
    {
        var (_, partitions) = RunPartitioned();
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        Fake.Append(0, 3);
        Assert.Equal(Values(0, 0, 3), await ValuesAsync(records, 3));

        Fake.FailNextPoll(BrokersDown);
        Fake.ReportError(BrokersDown);
        Fake.Append(0, 3);

        Assert.Equal(Values(0, 3, 3), await ValuesAsync(records, 3));
        partitions.Cancel();
        await records.ExpectCompleteAsync();
    }

    [Fact]
    public async Task A_poll_error_the_decider_fails_fails_the_source_every_sub_source_and_the_control()
    {
        var settings = Settings().WithConsumeErrorDecider(error => error.Code == ErrorCode.Local_AllBrokersDown ? ConsumeErrorDirective.Fail : ConsumeErrorDirective.LogAndRetry);
        var (control, partitions) = RunPartitioned(settings);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        records.Request(1);

        Fake.FailNextPoll(BrokersDown);

        var error = Assert.IsType<ConsumeException>(await records.ExpectErrorAsync());
        Assert.Equal(ErrorCode.Local_AllBrokersDown, error.Error.Code);
        partitions.Request(1);
        Assert.Same(error, await partitions.ExpectErrorAsync());
        Assert.Same(error, await Assert.ThrowsAsync<ConsumeException>(() => control.IsShutdown.WaitAsync(Patience)));
    }

    [Fact]
    public async Task An_error_callback_the_decider_fails_fails_the_source()
    {
        var settings = Settings().WithConsumeErrorDecider(error => error.Code == ErrorCode.Local_AllBrokersDown ? ConsumeErrorDirective.Fail : ConsumeErrorDirective.LogAndRetry);
        var (control, partitions) = RunPartitioned(settings);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        records.Request(1);

        Fake.ReportError(BrokersDown);

        var error = Assert.IsType<KafkaException>(await records.ExpectErrorAsync());
        Assert.Equal(ErrorCode.Local_AllBrokersDown, error.Error.Code);
        partitions.Request(1);
        await partitions.ExpectErrorAsync();
        await Assert.ThrowsAsync<KafkaException>(() => control.IsShutdown.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_fatal_error_fails_the_source_whatever_the_decider_says()
    {
        var (control, partitions) = RunPartitioned(Settings().WithConsumeErrorDecider(_ => ConsumeErrorDirective.LogAndRetry));
        await Fake.Subscribed.WaitAsync(Patience);
        partitions.Request(1);

        Fake.ReportError(new Error(ErrorCode.Local_Fatal, "fenced", isFatal: true));

        var error = Assert.IsType<KafkaException>(await partitions.ExpectErrorAsync());
        Assert.True(error.Error.IsFatal);
        await Assert.ThrowsAsync<KafkaException>(() => control.IsShutdown.WaitAsync(Patience));
    }
}
