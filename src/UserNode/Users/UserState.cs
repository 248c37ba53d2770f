using System.Collections.Immutable;
using System.Text.Json.Serialization;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Users;

/// <summary>
/// State of one user entity. Immutable; <see cref="Process"/> decides and <see cref="Apply"/>
/// evolves, both pure, so the entity's logic is tested without an actor system.
/// </summary>
/// <param name="Profile">The public profile; <c>null</c> until registered.</param>
/// <param name="NormalizedEmail">The identity; <c>null</c> until registered.</param>
/// <param name="PasswordHash">Salted password hash; <c>null</c> until registered.</param>
/// <param name="IdempotencyKey">The registering request's <c>Idempotency-Key</c>, if it had one.</param>
public sealed record UserState(UserProfile? Profile, string? NormalizedEmail, string? PasswordHash, string? IdempotencyKey = null) : IUserMessage
{
    /// <summary>A user nobody has registered yet.</summary>
    public static UserState Empty { get; } = new(null, null, null);

    /// <summary>Whether a registration has been applied.</summary>
    [JsonIgnore]
    public bool IsRegistered => Profile is not null;

    /// <summary>Decides the reply to a command and the events to persist before replying.</summary>
    public static (IUserReply Reply, ImmutableArray<IUserEvent> Events) Process(UserState state, IWithUserId command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            RegisterUser { IdempotencyKey: { } key } when state is { Profile: { } existing, PasswordHash: { } hash }
                && string.Equals(key, state.IdempotencyKey, StringComparison.Ordinal) =>
                (new UserRegistrationReplayed(existing, hash), []),
            RegisterUser when state.Profile is { } existing =>
                (new UserAlreadyRegistered(existing.UserId), []),
            RegisterUser register => Register(register),
            GetUser when state.Profile is { } profile => (new UserFound(profile), []),
            GetUser get => (new UserNotFound(get.UserId), []),
            _ => throw new ArgumentException($"Unknown user command {command.GetType().Name}.", nameof(command)),
        };
    }

    /// <summary>The state after <paramref name="event"/>.</summary>
    public static UserState Apply(UserState state, IUserEvent @event)
    {
        ArgumentNullException.ThrowIfNull(state);
        return @event switch
        {
            UserRegistered registered => new UserState(
                new UserProfile(registered.UserId, registered.Email, registered.Name, registered.Locale, registered.RegisteredAt, registered.EventId),
                registered.NormalizedEmail,
                registered.PasswordHash,
                registered.IdempotencyKey),
            _ => throw new ArgumentException($"Unknown user event {@event?.GetType().Name}.", nameof(@event)),
        };
    }

    /// <summary>Never print the hash or the full address.</summary>
    public override string ToString() => $"UserState {{ Profile = {Profile} }}";

    private static (IUserReply Reply, ImmutableArray<IUserEvent> Events) Register(RegisterUser command)
    {
        var registered = new UserRegistered(
            command.EventId,
            command.UserId,
            command.Email,
            command.NormalizedEmail,
            command.Name,
            command.PasswordHash,
            command.RegisteredAt,
            command.Locale,
            command.TraceParent,
            command.IdempotencyKey);
        var profile = new UserProfile(command.UserId, command.Email, command.Name, command.Locale, command.RegisteredAt, command.EventId);
        return (new UserRegistrationAccepted(profile), [registered]);
    }
}
