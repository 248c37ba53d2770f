using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SignupEmail.Streams.Kafka.Diagnostics;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>The consumer stages' lag gauge, from librdkafka's own statistics: what the group has not committed.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ConsumerLagStatisticsSpec(KafkaClusterFixture kafka, ITestOutputHelper output) : ConsumerSpecBase(kafka.Cluster, output)
{
    [Fact]
    public async Task The_lag_gauge_counts_what_the_group_has_not_committed_and_falls_to_zero_once_it_commits()
    {
        var topic = kafka.CreateUniqueTopic("lag-gauge");
        var group = KafkaClusterFixture.UniqueGroupId("lag-gauge");
        await ProduceAsync(topic, partitions: 3, perPartition: 5);
        var lag = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = Listen(group, lag);

        var (control, messages) = ConsumeIntoProbe(ConsumerSettings(group).WithProperty(ConsumerLagStatistics.IntervalProperty, "100"), topic);
        var taken = await TakeAsync(messages, 15);

        // Read, not committed: five records of lag on each partition.
        await Eventually.TrueAsync(
            () => Task.FromResult(Observed(listener, lag, expected: 5)),
            Patience,
            () => $"lag 5 on each partition of {topic}; saw {Describe(lag)}");

        await CommitAsync(taken);
        await Eventually.TrueAsync(
            () => Task.FromResult(Observed(listener, lag, expected: 0)),
            Patience,
            () => $"lag 0 on each partition of {topic} once committed; saw {Describe(lag)}");

        messages.Cancel();
        await control.IsShutdown.WaitAsync(Patience);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"topics\": {\"t\": {\"partitions\": {\"0\": {\"partition\": 0, \"fetch_state\": 7, \"consumer_lag\": 1}}}}}")]
    public void A_statistics_report_it_cannot_read_is_ignored_rather_than_failing_the_consumer(string json)
    {
        var group = KafkaClusterFixture.UniqueGroupId("lag-gauge-garbage");
        var lag = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = Listen(group, lag);

        ConsumerLagStatistics.Record($"garbage-{Guid.NewGuid():N}", group, TimeSpan.FromSeconds(5), json);

        listener.RecordObservableInstruments();
        Assert.Empty(lag);
    }

    private static MeterListener Listen(string group, ConcurrentDictionary<string, long> lag)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == KafkaTelemetry.Name && instrument.Name == ConsumerLagStatistics.LagName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? groupName = null, topic = null, partition = null;
            foreach (var tag in tags)
            {
                switch (tag.Key)
                {
                    case "messaging.consumer.group.name": groupName = tag.Value as string; break;
                    case "messaging.destination.name": topic = tag.Value as string; break;
                    case "messaging.destination.partition.id": partition = tag.Value as string; break;
                }
            }

            if (groupName == group)
            {
                lag[$"{topic}/{partition}"] = value;
            }
        });
        listener.Start();
        return listener;
    }

    private static bool Observed(MeterListener listener, ConcurrentDictionary<string, long> lag, long expected)
    {
        listener.RecordObservableInstruments();
        return lag.Count == 3 && lag.Values.All(v => v == expected);
    }

    private static string Describe(ConcurrentDictionary<string, long> lag) =>
        lag.IsEmpty ? "nothing" : string.Join(", ", lag.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
