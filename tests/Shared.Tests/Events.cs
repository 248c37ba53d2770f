using SignupEmail.Shared.Contracts;

namespace SignupEmail.Shared.Tests;

internal static class Events
{
    public static UserSignedUp Korean() => new(
        Guid.Parse("0b6f5c8e-3b0f-4a57-9d0a-5c1f0e6b2a11"),
        "user-42",
        "kim.minji@example.com",
        "김민지",
        "ko-KR",
        new DateTimeOffset(2026, 11, 25, 9, 30, 15, 123, TimeSpan.FromHours(9)));
}
