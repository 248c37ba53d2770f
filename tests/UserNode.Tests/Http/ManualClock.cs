namespace SignupEmail.UserNode.Tests.Http;

/// <summary>A wall clock the test moves by hand, for rules that depend on elapsed time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
