using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;
using SignupEmail.Testing;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests.Brokerless;

/// <summary>
/// The partitioned source's sub-source lifecycle, pauses and commit routing on a consumer without a
/// broker. Follows alpakka-kafka's internal PartitionedSourceSpec (which runs on its ConsumerMock).
/// </summary>
public sealed class PartitionedSourceMockSpec(ITestOutputHelper output) : BrokerlessSpecBase(output)
{
    [Fact]
    public async Task Complete_revoked_partitions_source()
    {
        var (_, partitions) = RunPartitioned();
        await Fake.Subscribed.WaitAsync(Patience);
        Fake.Assign(0, 1);
        var first = await NextSubSourceAsync(partitions);
        var second = await NextSubSourceAsync(partitions);
        var byPartition = new[] { first, second }.ToDictionary(s => s.Partition, s => s.Records);
        Assert.Equal([0, 1], byPartition.Keys.Order());

        Fake.Revoke(partitions: 1);
        byPartition[1].Request(1);
        await byPartition[1].ExpectCompleteAsync();

        Fake.Revoke(partitions: 0);
        byPartition[0].Request(1);
        await byPartition[0].ExpectCompleteAsync();

        partitions.Cancel();
    }

    [Fact]
    public async Task Issue_new_sources_when_assigned_again_starting_at_the_committed_offset()
    {
        var (_, partitions) = RunPartitioned();
        Fake.Append(0, 10);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        records.Request(5);
        var messages = new List<CommittableMessage<string, string>>();
        for (var n = 0; n < 5; n++)
        {
            messages.Add(await records.ExpectNextAsync(Patience));
        }

        await messages[2].CommittableOffset.CommitAsync().WaitAsync(Patience);
        Fake.Revoke(partitions: 0);
        await records.ExpectCompleteAsync();

        Fake.Assign(0);
        var (partition, again) = await NextSubSourceAsync(partitions);
        Assert.Equal(0, partition);
        Assert.Equal(Values(0, 3, 7), await ValuesAsync(again, 7));
        partitions.Cancel();
        await again.ExpectCompleteAsync();
    }

    // Ours pauses on a full buffer rather than on missing demand, so that a sub-stream's prefetch does not
    // pause and resume its partition per record: follows "pause when there is no demand" / "resume topics with demand".
    [Fact]
    public async Task Pause_only_the_partition_whose_buffer_is_full_and_resume_it_once_drained()
    {
        const int bufferSize = 4;
        var (control, partitions) = RunPartitioned(Settings(bufferSize));
        Fake.Append(0, 20);
        Fake.Append(1, 20);
        Fake.Assign(0, 1);
        var subSources = new[] { await NextSubSourceAsync(partitions), await NextSubSourceAsync(partitions) }.ToDictionary(s => s.Partition, s => s.Records);

        // Partition 1 is read to its end while nobody reads partition 0: only 0 is paused, with a full buffer.
        Assert.Equal(Values(1, 0, 20), await ValuesAsync(subSources[1], 20));
        await Eventually.TrueAsync(() => Fake.PausedPartitions.SequenceEqual([0]), Patience, "partition 0 is paused");
        Assert.Equal(bufferSize, control.PeakBuffered[Fake.Partition(0)]);

        // Read, partition 0 resumes and delivers everything in order, never more than buffer-size at once.
        Assert.Equal(Values(0, 0, 20), await ValuesAsync(subSources[0], 20));
        await Eventually.TrueAsync(() => Fake.PausedPartitions.Count == 0, Patience, "partition 0 resumes once drained");
        Assert.All(control.PeakBuffered.Values, peak => Assert.InRange(peak, 1, bufferSize));

        partitions.Cancel();
        await subSources[0].ExpectCompleteAsync();
        await subSources[1].ExpectCompleteAsync();
    }

    [Fact]
    public async Task Not_leave_gaps_when_subsource_is_cancelled()
    {
        var (_, partitions) = RunPartitioned();
        Fake.Append(0, 30);
        Fake.Assign(0);

        // Three sub-sources in a row take 10 records each and cancel: together they emit the partition once, in order.
        var values = new List<string>();
        for (var round = 0; round < 3; round++)
        {
            var (partition, source) = await partitions.RequestNextAsync(Patience);
            Assert.Equal(0, partition.Partition.Value);
            var taken = source.Take(10).RunWith(this.SinkProbe<CommittableMessage<string, string>>(), Materializer);
            values.AddRange(await ValuesAsync(taken, 10));
            await taken.ExpectCompleteAsync();
        }

        Assert.Equal(Values(0, 0, 30), values);
        partitions.Cancel();
    }

    [Fact]
    public async Task With_re_emit_a_cancelled_sub_source_is_replaced_from_the_first_record_it_did_not_emit()
    {
        var replacement = await CancelAfterTakingTenAndCommittingFiveAsync(SubSourceCancellation.ReEmit, expected: 20);

        Assert.Equal(Values(0, 10, 20), replacement);
    }

    [Fact]
    public async Task With_re_emit_uncommitted_a_cancelled_sub_source_is_replaced_from_after_its_last_commit()
    {
        var replacement = await CancelAfterTakingTenAndCommittingFiveAsync(SubSourceCancellation.ReEmitUncommitted, expected: 25);

        Assert.Equal(Values(0, 5, 25), replacement);
    }

    [Fact]
    public async Task With_pause_until_rebalance_a_cancelled_sub_source_is_not_replaced_until_the_partition_is_assigned_again()
    {
        var (_, partitions) = RunPartitioned(Settings().WithSubSourceCancellation(SubSourceCancellation.PauseUntilRebalance));
        Fake.Append(0, 30);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        var messages = await TakeAsync(records, 10);
        await messages[4].CommittableOffset.CommitAsync().WaitAsync(Patience);
        records.Cancel();

        // No replacement: the partition stays paused.
        await Eventually.TrueAsync(() => Fake.PausedPartitions.SequenceEqual([0]), Patience, "partition 0 is paused");
        partitions.Request(1);
        await partitions.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        // The next rebalance assigns it again: a new sub-source from the committed offset.
        Fake.Revoke(partitions: 0);
        Fake.Assign(0);
        var (partition, source) = await partitions.ExpectNextAsync(Patience);
        Assert.Equal(0, partition.Partition.Value);
        var again = source.RunWith(this.SinkProbe<CommittableMessage<string, string>>(), Materializer);
        Assert.Equal(Values(0, 5, 25), await ValuesAsync(again, 25));
        partitions.Cancel();
        await again.ExpectCompleteAsync();
    }

    [Fact]
    public async Task A_failed_sub_stream_is_replaced_from_after_the_last_record_it_handed_to_the_committer()
    {
        var (_, partitions) = RunPartitioned();
        Fake.Append(0, 10);
        Fake.Assign(0);
        var (_, source) = await partitions.RequestNextAsync(Patience);
        var failure = new InvalidOperationException("processing failed");

        // Records 0-4 are committed, 5 and 6 emitted but not handed over, and 7 fails the sub-stream.
        var failing = source
            .SelectAsync(1, async message =>
            {
                if (message.Record.Offset.Value <= 4)
                {
                    await message.CommittableOffset.CommitAsync();
                }

                return message;
            })
            .Select(message => message.Record.Offset.Value == 7 ? throw failure : message)
            .RunWith(this.SinkProbe<CommittableMessage<string, string>>(), Materializer);
        failing.Request(10);
        for (var offset = 0; offset < 7; offset++)
        {
            await failing.ExpectNextAsync(Patience);
        }

        Assert.Same(failure, await failing.ExpectErrorAsync());

        // Its replacement starts with the first record not handed to the committer: 5, 6 and the failed 7 come again.
        var (partition, replacement) = await NextSubSourceAsync(partitions);
        Assert.Equal(0, partition);
        Assert.Equal(Values(0, 5, 5), await ValuesAsync(replacement, 5));
        partitions.Cancel();
        await replacement.ExpectCompleteAsync();
    }

    [Fact]
    public async Task Commit_what_each_sub_stream_hands_to_its_committer_as_offset_plus_one()
    {
        var (control, partitions) = RunPartitioned();
        Fake.Append(0, 5);
        Fake.Append(1, 3);
        Fake.Assign(0, 1);
        var committers = new List<Task<Akka.Done>>();
        for (var n = 0; n < 2; n++)
        {
            var (_, source) = await partitions.RequestNextAsync(Patience);
            committers.Add(source.Select(m => (ICommittable)m.CommittableOffset).RunWith(Committer.Sink(CommitterSettings()), Materializer));
        }

        await Eventually.TrueAsync(
            () => Fake.Committed([Fake.Partition(0), Fake.Partition(1)], Patience).Select(o => o.Offset.Value).SequenceEqual([5L, 3L]),
            Patience,
            "partition 0 committed at 5, partition 1 at 3");
        await control.DrainAndShutdown(Task.WhenAll(committers)).WaitAsync(Patience);
        partitions.Request(1);
        await partitions.ExpectCompleteAsync();
        Assert.True(Fake.IsClosed);
    }

    [Fact]
    public async Task An_offset_of_a_revoked_assignment_is_dropped_rather_than_committed()
    {
        var (_, partitions) = RunPartitioned();
        Fake.Append(0, 5);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        var messages = await TakeAsync(records, 3);

        Fake.Revoke(partitions: 0);
        await records.ExpectCompleteAsync();
        Fake.Assign(0);
        var (_, again) = await NextSubSourceAsync(partitions);

        // The partition's next owner (here: the same consumer, in a new assignment) decides what is committed.
        await messages[2].CommittableOffset.CommitAsync().WaitAsync(Patience);
        Assert.Empty(Fake.Commits);
        Assert.Equal(Values(0, 0, 5), await ValuesAsync(again, 5));
        partitions.Cancel();
        await again.ExpectCompleteAsync();
    }

    [Fact]
    public async Task Shutdown_keeps_the_consumer_until_the_records_already_emitted_are_committed()
    {
        var (control, partitions) = RunPartitioned(Settings().WithStopTimeout(TimeSpan.FromSeconds(30)));
        Fake.Append(0, 5);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        var messages = await TakeAsync(records, 5);

        var shutdown = control.Shutdown();
        await records.ExpectCompleteAsync();
        partitions.Request(1);
        await partitions.ExpectCompleteAsync();
        Assert.False(shutdown.IsCompleted, "the consumer closed before the emitted records were committed");
        Assert.False(Fake.IsClosed);

        // The sub-stream finishes its last record: committed on the still-open consumer, then it closes.
        await messages[4].CommittableOffset.CommitAsync().WaitAsync(Patience);
        await shutdown.WaitAsync(Patience);
        Assert.Equal([new TopicPartitionOffset(Fake.Partition(0), 5)], Fake.Commits.Single());
        Assert.True(Fake.IsClosed);
    }

    [Fact]
    public async Task Shutdown_closes_the_consumer_at_stop_timeout_when_emitted_records_are_never_committed()
    {
        var (control, partitions) = RunPartitioned(Settings().WithStopTimeout(TimeSpan.FromMilliseconds(300)));
        Fake.Append(0, 5);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        var messages = await TakeAsync(records, 5);

        await control.Shutdown().WaitAsync(Patience);

        Assert.True(Fake.IsClosed);
        await Assert.ThrowsAsync<CommitFailedException>(() => messages[4].CommittableOffset.CommitAsync());
        await records.ExpectCompleteAsync();
    }

    // The first sub-source takes 10 of 30 records, commits the first 5 and is cancelled; returns the
    // replacement's first records, as many as <paramref name="expected"/>.
    private async Task<List<string>> CancelAfterTakingTenAndCommittingFiveAsync(SubSourceCancellation strategy, int expected)
    {
        var (_, partitions) = RunPartitioned(Settings().WithSubSourceCancellation(strategy));
        Fake.Append(0, 30);
        Fake.Assign(0);
        var (_, records) = await NextSubSourceAsync(partitions);
        var messages = await TakeAsync(records, 10);
        await messages[4].CommittableOffset.CommitAsync().WaitAsync(Patience);
        records.Cancel();

        var (partition, replacement) = await NextSubSourceAsync(partitions);
        Assert.Equal(0, partition);
        var values = await ValuesAsync(replacement, expected);
        partitions.Cancel();
        await replacement.ExpectCompleteAsync();
        return values;
    }
}
