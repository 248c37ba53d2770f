using Confluent.Kafka;
using SignupEmail.Shared.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests;

public sealed class KafkaModeSpec
{
    [Theory]
    [InlineData(ChildProcess.SigTerm)]
    [InlineData(ChildProcess.SigInt)]
    public async Task Another_process_reaches_the_printed_cluster_and_the_launcher_exits_zero_on_a_stop_signal(int signal)
    {
        using var launcher = Launcher.Start(["kafka"]);
        var bootstrap = await launcher.WaitForValueAsync("KAFKA_BOOTSTRAP_SERVERS", TimeSpan.FromSeconds(60));

        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics;
            Assert.All(SignupTopics.All, name => Assert.Equal(3, topics.Single(t => t.Topic == name).Partitions.Count));
        }

        const int count = 100;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true }).Build())
        {
            for (var i = 0; i < count; i++)
            {
                producer.Produce(SignupTopics.UserSignedUp, new Message<string, string> { Key = $"user-{i}", Value = "{}" });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
        }

        var keys = ConsumeKeys(bootstrap, count, TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"user-{i}").Order(), keys.Order());

        launcher.SendSignal(signal);
        var exitCode = await launcher.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{launcher.Output}");
    }

    [Fact]
    public async Task An_invalid_option_is_rejected_with_exit_code_two_and_a_reason()
    {
        using var launcher = Launcher.Start(["kafka", "--brokers", "zero"]);

        var exitCode = await launcher.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        Assert.Contains("--brokers", launcher.Output, StringComparison.Ordinal);
    }

    private static List<string> ConsumeKeys(string bootstrap, int expected, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"launcher-test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(SignupTopics.UserSignedUp);
        var keys = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (keys.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                keys.Add(result.Message.Key);
            }
        }

        consumer.Close();
        return keys;
    }
}
