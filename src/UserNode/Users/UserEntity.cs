using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence;
using SignupEmail.Shared.Contracts;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Users;

/// <summary>
/// One persistent actor per user, keyed by the user id (derived from the normalized e-mail). It only
/// persists what <see cref="UserState.Process"/> decides and replies; it never leaves a caller
/// without an answer: a failed recovery or write answers every waiting caller with
/// <see cref="UserUnavailable"/>. It logs through <see cref="ILogger"/>, not Akka's logging adapter:
/// the adapter hands each line to a logger actor that writes it later on another thread, outside the
/// signup's trace, so the line could not carry its trace id.
/// </summary>
public sealed partial class UserEntity : ReceivePersistentActor
{
    /// <summary>Prefix of the journal's persistence ids; the publisher recognizes user entities by it.</summary>
    public const string PersistenceIdPrefix = "user-";

    private static readonly Recovery JournalOnlyRecovery = new(SnapshotSelectionCriteria.None);
    private readonly ILogger<UserEntity> _logger;
    private readonly UserEntitySettings _settings;

    // Callers whose command arrived while the entity was recovering or writing: the persistence
    // layer stashes those messages internally and drops them to dead letters if the entity stops on
    // a failure, so the entity remembers who to answer.
    private readonly List<(IActorRef Caller, string UserId)> _waiting = [];
    private UserState _state = UserState.Empty;
    private bool _writing;
    private (IActorRef Caller, string UserId)? _writer;

    // The write under way, as a span of the signup's trace (null when nobody traces).
    private Activity? _persisting;

    /// <summary>Creates the entity for <paramref name="userId"/>.</summary>
    public UserEntity(string userId, UserEntitySettings settings, ILogger<UserEntity> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        UserId = userId;
        _settings = settings;
        _logger = logger;
        PersistenceId = PersistenceIdPrefix + userId;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is UserState snapshot)
            {
                _state = snapshot;
            }
        });
        Recover<IUserEvent>(e => _state = UserState.Apply(_state, e));
        Recover<RecoveryCompleted>(_ => _waiting.Clear());

        Command<IWithUserId>(Handle);
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => LogSnapshotFailed(_logger, f.Cause, UserId));
    }

    /// <summary>The entity id.</summary>
    public string UserId { get; }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Without snapshots, a brand-new user's recovery is one journal read instead of a snapshot-store
    /// query followed by it: 21-40 % less CPU per signup when hashing is cheap (docs/benchmarks.md).
    /// </remarks>
    public override Recovery Recovery => _settings.UsesSnapshots ? base.Recovery : JournalOnlyRecovery;

    /// <summary>Props for the shard region.</summary>
    public static Props PropsFor(string userId, UserEntitySettings settings, ILogger<UserEntity> logger) =>
        Props.Create(() => new UserEntity(userId, settings, logger));

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is IWithUserId command && (!IsRecoveryFinished || _writing))
        {
            _waiting.Add((Sender, command.UserId));
        }

        return base.AroundReceive(receive, message);
    }

    /// <inheritdoc />
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        LogRecoveryFailed(_logger, reason, UserId, _waiting.Count);
        AnswerWaiting("recovery-failed");
        base.OnRecoveryFailure(reason, message);
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        UserEntityTelemetry.Within(_persisting, () => LogWriteFailed(_logger, cause, @event.GetType().Name, UserId));
        AnswerWriter("write-failed");
        AnswerWaiting("write-failed");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        UserEntityTelemetry.Within(_persisting, () => LogWriteRejected(_logger, cause, @event.GetType().Name, UserId));
        // The entity carries on: commands stashed during the write still run and answer themselves.
        _writing = false;
        _waiting.Clear();
        AnswerWriter("write-rejected");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Handle(IWithUserId command)
    {
        var (reply, events) = UserState.Process(_state, command);
        if (events.IsEmpty)
        {
            Sender.Tell(reply);
            return;
        }

        _writing = true;
        _writer = (Sender, command.UserId);
        _persisting = UserEntityTelemetry.StartPersist((command as RegisterUser)?.TraceParent, PersistenceId);
        var caller = Sender;
        var remaining = events.Length;
        PersistAll(events, e =>
        {
            _state = UserState.Apply(_state, e);
            if (e is UserRegistered registered)
            {
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    var masked = EmailAddress.Mask(registered.Email);
                    UserEntityTelemetry.Within(_persisting, () => LogRegistered(_logger, registered.UserId, masked));
                }

                // Committed: wake the journal publisher now rather than at its next fallback poll.
                Context.System.EventStream.Publish(JournalAppended.Instance);
            }

            if (_settings.UsesSnapshots && LastSequenceNr % _settings.SnapshotEvery == 0)
            {
                SaveSnapshot(_state);
            }

            if (--remaining == 0)
            {
                // Commands stashed during the write are unstashed after this handler and run
                // normally; they no longer need the failure path.
                _writing = false;
                _writer = null;
                _waiting.Clear();
                UserEntityTelemetry.Stop(_persisting);
                _persisting = null;
                caller.Tell(reply);
            }
        });
    }

    private void AnswerWriter(string reason)
    {
        UserEntityTelemetry.Stop(_persisting, reason);
        _persisting = null;
        if (_writer is var (caller, userId) && !caller.IsNobody())
        {
            caller.Tell(new UserUnavailable(userId, reason));
        }

        _writer = null;
    }

    private void AnswerWaiting(string reason)
    {
        foreach (var (caller, userId) in _waiting)
        {
            if (!caller.IsNobody())
            {
                caller.Tell(new UserUnavailable(userId, reason));
            }
        }

        _waiting.Clear();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered user {UserId} ({Email})")]
    private static partial void LogRegistered(ILogger logger, string userId, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of user {UserId} failed; recovery replays events instead")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recovery of user {UserId} failed; answering {Count} waiting caller(s)")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string userId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write of {EventType} for user {UserId} failed; the entity stops")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string eventType, string userId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Write of {EventType} for user {UserId} was rejected")]
    private static partial void LogWriteRejected(ILogger logger, Exception exception, string eventType, string userId);
}
