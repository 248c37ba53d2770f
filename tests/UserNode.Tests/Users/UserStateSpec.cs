using SignupEmail.UserNode.Users;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Tests.Users;

public sealed class UserStateSpec
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    internal static RegisterUser Register(string email = "Kim@Example.com", string name = "김철수") => new(
        UserIdentity.FromNormalizedEmail(email.ToLowerInvariant()),
        email,
        email.ToLowerInvariant(),
        name,
        "ko",
        "hash-AQAAAA",
        Guid.CreateVersion7(),
        Now,
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    [Fact]
    public void Registering_a_new_user_accepts_and_emits_one_event_carrying_everything_the_record_needs()
    {
        var command = Register();

        var (reply, events) = UserState.Process(UserState.Empty, command);

        var accepted = Assert.IsType<UserRegistrationAccepted>(reply);
        Assert.Equal(new UserProfile(command.UserId, "Kim@Example.com", "김철수", "ko", Now, command.EventId), accepted.Profile);
        var registered = Assert.IsType<UserRegistered>(Assert.Single(events));
        Assert.Equal(command.EventId, registered.EventId);
        Assert.Equal(command.UserId, registered.UserId);
        Assert.Equal("Kim@Example.com", registered.Email);
        Assert.Equal("kim@example.com", registered.NormalizedEmail);
        Assert.Equal("김철수", registered.Name);
        Assert.Equal("ko", registered.Locale);
        Assert.Equal("hash-AQAAAA", registered.PasswordHash);
        Assert.Equal(Now, registered.RegisteredAt);
        Assert.Equal(command.TraceParent, registered.TraceParent);
    }

    [Fact]
    public void Registering_an_already_registered_user_is_refused_without_events()
    {
        var first = Register();
        var state = UserState.Apply(UserState.Empty, (UserRegistered)UserState.Process(UserState.Empty, first).Events[0]);

        var (reply, events) = UserState.Process(state, Register() with { Name = "Someone else" });

        Assert.Equal(new UserAlreadyRegistered(first.UserId), reply);
        Assert.Empty(events);
    }

    [Fact]
    public void Applying_the_event_makes_the_state_registered_with_profile_and_hash()
    {
        var command = Register();
        var registered = (UserRegistered)UserState.Process(UserState.Empty, command).Events[0];

        var state = UserState.Apply(UserState.Empty, registered);

        Assert.True(state.IsRegistered);
        Assert.False(UserState.Empty.IsRegistered);
        Assert.Equal("kim@example.com", state.NormalizedEmail);
        Assert.Equal("hash-AQAAAA", state.PasswordHash);
        Assert.Equal(command.UserId, state.Profile!.UserId);
        Assert.Equal(registered.EventId, state.Profile.EventId); // a replayed 201 names the same .eml
    }

    [Fact]
    public void Get_answers_the_profile_when_registered_and_not_found_otherwise()
    {
        var command = Register();
        var state = UserState.Apply(UserState.Empty, (UserRegistered)UserState.Process(UserState.Empty, command).Events[0]);

        Assert.Equal(new UserNotFound(command.UserId), UserState.Process(UserState.Empty, new GetUser(command.UserId)).Reply);
        var found = Assert.IsType<UserFound>(UserState.Process(state, new GetUser(command.UserId)).Reply);
        Assert.Equal(state.Profile, found.Profile);
    }

    [Fact]
    public void Printing_state_commands_and_events_never_shows_the_hash_or_full_address()
    {
        var command = Register();
        var registered = (UserRegistered)UserState.Process(UserState.Empty, command).Events[0];
        var state = UserState.Apply(UserState.Empty, registered);

        foreach (var text in new[] { command.ToString(), registered.ToString(), state.ToString() })
        {
            Assert.DoesNotContain("hash-AQAAAA", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Kim@Example.com", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("K***@Example.com", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_registration_with_the_same_idempotency_key_is_replayed_with_the_stored_profile_and_hash()
    {
        var first = Register() with { IdempotencyKey = "key-1" };
        var (_, events) = UserState.Process(UserState.Empty, first);
        var state = UserState.Apply(UserState.Empty, Assert.Single(events));
        Assert.Equal("key-1", state.IdempotencyKey);

        var (reply, more) = UserState.Process(state, Register() with { IdempotencyKey = "key-1", PasswordHash = "hash-of-the-retry" });

        var replayed = Assert.IsType<UserRegistrationReplayed>(reply);
        Assert.Equal(state.Profile, replayed.Profile);
        Assert.Equal("hash-AQAAAA", replayed.PasswordHash);
        Assert.Empty(more);
        Assert.DoesNotContain("hash", replayed.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("key-1", "key-2")]
    [InlineData("key-1", null)]
    [InlineData(null, "key-1")]
    [InlineData(null, null)]
    public void Any_other_key_or_none_is_already_registered(string? firstKey, string? retryKey)
    {
        var (_, events) = UserState.Process(UserState.Empty, Register() with { IdempotencyKey = firstKey });
        var state = UserState.Apply(UserState.Empty, Assert.Single(events));

        var (reply, more) = UserState.Process(state, Register() with { IdempotencyKey = retryKey });

        Assert.IsType<UserAlreadyRegistered>(reply);
        Assert.Empty(more);
    }
}
