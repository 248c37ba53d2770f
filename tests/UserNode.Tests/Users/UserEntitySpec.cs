using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Users;

public sealed class UserEntitySpec : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public UserEntitySpec()
        : base(TestConfig())
    {
    }

    private static Config TestConfig() =>
        ConfigurationFactory.FromResource<TestJournal>("Akka.Persistence.TestKit.config.conf")
            .WithFallback(UserNodeHocon.Load());

    private ITestJournal Journal => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

    private IActorRef Entity(string userId, int snapshotEvery = 100) =>
        Sys.ActorOf(UserEntity.PropsFor(userId, new UserEntitySettings(snapshotEvery), NullLogger<UserEntity>.Instance));

    [Fact]
    public async Task Register_persists_the_event_then_replies_accepted()
    {
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId);

        entity.Tell(command, TestActor);

        var accepted = await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
        Assert.Equal(command.UserId, accepted.Profile.UserId);

        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null)
            .Tell(new ReplayMessages(0, long.MaxValue, long.MaxValue, UserEntity.PersistenceIdPrefix + command.UserId, TestActor));
        var replayed = await ExpectMsgAsync<ReplayedMessage>(Wait);
        var stored = Assert.IsType<UserRegistered>(replayed.Persistent.Payload);
        Assert.Equal(command.EventId, stored.EventId);
        Assert.Equal(command.PasswordHash, stored.PasswordHash);
        await ExpectMsgAsync<RecoverySuccess>(Wait);
    }

    [Fact]
    public async Task A_second_registration_of_the_same_user_is_refused()
    {
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId);

        entity.Tell(command, TestActor);
        entity.Tell(command with { EventId = Guid.CreateVersion7(), Name = "Other" }, TestActor);

        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
        Assert.Equal(new UserAlreadyRegistered(command.UserId), await ExpectMsgAsync<UserAlreadyRegistered>(Wait));
    }

    [Theory]
    [InlineData(0)]   // no snapshots: recovery reads the journal only
    [InlineData(100)] // recovery looks for a snapshot, finds none, replays the event
    [InlineData(1)]   // recovery starts from the snapshot taken after the event
    public async Task A_restarted_entity_recovers_its_registration(int snapshotEvery)
    {
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId, snapshotEvery);
        entity.Tell(command, TestActor);
        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
        Watch(entity);
        entity.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(entity, Wait);

        var recovered = Entity(command.UserId, snapshotEvery);
        recovered.Tell(new GetUser(command.UserId), TestActor);
        var found = await ExpectMsgAsync<UserFound>(Wait);
        Assert.Equal("김철수", found.Profile.Name);

        recovered.Tell(command with { EventId = Guid.CreateVersion7() }, TestActor);
        await ExpectMsgAsync<UserAlreadyRegistered>(Wait);
    }

    [Fact]
    public async Task With_snapshot_every_event_a_snapshot_of_the_registered_state_is_saved()
    {
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId, snapshotEvery: 1);
        entity.Tell(command, TestActor);
        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);

        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        await AwaitAssertAsync(
            async () =>
            {
                var loaded = await store.Ask<LoadSnapshotResult>(
                    new LoadSnapshot(UserEntity.PersistenceIdPrefix + command.UserId, SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
                var state = Assert.IsType<UserState>(loaded.Snapshot?.Snapshot);
                Assert.True(state.IsRegistered);
            },
            Wait);
    }

    [Fact]
    public async Task Without_snapshots_none_is_saved_and_a_stored_one_is_not_read()
    {
        var command = UserStateSpec.Register();
        var persistenceId = UserEntity.PersistenceIdPrefix + command.UserId;
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);

        var entity = Entity(command.UserId, snapshotEvery: 0);
        entity.Tell(command, TestActor);
        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
        Watch(entity);
        entity.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(entity, Wait);

        // A snapshot at the event's sequence number that contradicts it: an entity that read it would
        // start from it, replay nothing after it and not know the user.
        store.Tell(new SaveSnapshot(new SnapshotMetadata(persistenceId, 1, DateTime.UtcNow), UserState.Empty), TestActor);
        await ExpectMsgAsync<SaveSnapshotSuccess>(Wait);

        var recovered = Entity(command.UserId, snapshotEvery: 0);
        recovered.Tell(new GetUser(command.UserId), TestActor);

        Assert.Equal("김철수", (await ExpectMsgAsync<UserFound>(Wait)).Profile.Name);
        var loaded = await store.Ask<LoadSnapshotResult>(new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
        Assert.Equal(UserState.Empty, loaded.Snapshot?.Snapshot); // the entity saved none of its own
    }

    [Fact]
    public async Task A_failed_recovery_answers_every_waiting_caller_instead_of_leaving_them_to_time_out()
    {
        var command = UserStateSpec.Register();
        var first = Entity(command.UserId);
        first.Tell(command, TestActor);
        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
        Watch(first);
        first.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(first, Wait);

        // The journal now fails while replaying the stored event (a lost connection, say). The
        // delay keeps the entity in recovery while the callers' messages queue up behind it.
        await Journal.OnRecovery.FailWithDelay(TimeSpan.FromSeconds(3));
        var entity = Entity(command.UserId);
        Watch(entity);
        var other = CreateTestProbe();
        entity.Tell(new GetUser(command.UserId), TestActor);
        entity.Tell(command with { EventId = Guid.CreateVersion7() }, other);

        Assert.Equal(new UserUnavailable(command.UserId, "recovery-failed"), await ExpectMsgAsync<UserUnavailable>(Wait));
        Assert.Equal("recovery-failed", (await other.ExpectMsgAsync<UserUnavailable>(Wait)).Reason);
        await ExpectTerminatedAsync(entity, Wait);
    }

    [Fact]
    public async Task A_failed_write_answers_the_writer_and_the_commands_queued_behind_it()
    {
        await Journal.OnWrite.FailWithDelay(TimeSpan.FromSeconds(2)); // holds the write while the next command queues
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId);
        var queued = CreateTestProbe();

        entity.Tell(command, TestActor);
        entity.Tell(new GetUser(command.UserId), queued);

        Assert.Equal("write-failed", (await ExpectMsgAsync<UserUnavailable>(Wait)).Reason);
        Assert.Equal("write-failed", (await queued.ExpectMsgAsync<UserUnavailable>(Wait)).Reason);
    }

    [Fact]
    public async Task A_rejected_write_answers_the_writer_and_the_entity_keeps_serving()
    {
        await Journal.OnWrite.RejectWithDelay(TimeSpan.FromSeconds(2)); // holds the write while the next command queues
        var command = UserStateSpec.Register();
        var entity = Entity(command.UserId);
        var queued = CreateTestProbe();

        entity.Tell(command, TestActor);
        entity.Tell(new GetUser(command.UserId), queued);

        Assert.Equal("write-rejected", (await ExpectMsgAsync<UserUnavailable>(Wait)).Reason);
        await queued.ExpectMsgAsync<UserNotFound>(Wait);
        await queued.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300));

        await Journal.OnWrite.Pass();
        entity.Tell(command, TestActor);
        await ExpectMsgAsync<UserRegistrationAccepted>(Wait);
    }
}
