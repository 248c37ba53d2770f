using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;
using LinqToDB.Interceptors;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Tests.Http;

namespace SignupEmail.UserNode.Tests.Publishing;

/// <summary>An idle publisher costs one indexed journal query per fallback interval, counted at the driver.</summary>
[Collection(PublishingCollection.Name)]
public sealed class IdlePublisherSpec(KafkaClusterFixture kafka) : Akka.TestKit.Xunit2.TestKit(UserNodeHocon.Load()), IAsyncLifetime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await ShutdownAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_idle_publisher_issues_at_most_one_journal_query_per_fallback_interval()
    {
        var counter = new JournalQueryCounter();
        var options = new DataOptions().UseConnectionString(ProviderName.SQLiteMS, _database.ConnectionString).UseInterceptor(counter);
        Directory.CreateDirectory(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_database.ConnectionString).DataSource)!);
        await using (var db = new DataConnection(options))
        {
            await db.CreateTableAsync<JournalRow>();
        }

        var settings = JournalPublisherSettings.From(new PublishingOptions
        {
            BootstrapServers = kafka.BootstrapServers,
            Topic = kafka.CreateUniqueTopic("idle"),
            FallbackPollInterval = PollInterval,
        });
        var producer = ProducerSettings<byte[], byte[]>.Create(Sys).WithBootstrapServers(kafka.BootstrapServers);
        Sys.ActorOf(JournalPublisher.PropsFor(settings, new JournalStore(options), producer), "publisher");

        await Eventually.TrueAsync(() => counter.Count >= 1, PublishingNode.Deadline, "the publisher reads the journal on start");
        var start = counter.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(5)); // the observation window itself, not a wait for luck
        var queries = counter.Count - start;
        var intervals = clock.Elapsed / PollInterval;

        Assert.True(queries <= Math.Ceiling(intervals) + 1, $"{queries} journal queries in {intervals:0.0} poll intervals");
        Assert.True(queries >= 3, $"the fallback poll keeps looking ({queries} queries in {intervals:0.0} intervals)");
    }

    private sealed class JournalQueryCounter : CommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override DbCommand CommandInitialized(CommandEventData eventData, DbCommand command)
        {
            if (command.CommandText.Contains("journal", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _count);
            }

            return command;
        }
    }
}
