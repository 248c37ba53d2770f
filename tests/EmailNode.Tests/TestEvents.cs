using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Tests;

internal static class TestEvents
{
    public static UserSignedUp Korean(string email = "kim.minji@example.com") => new(
        Guid.NewGuid(), "user-ko", email, "김민지", "ko-KR", DateTimeOffset.UtcNow);

    public static UserSignedUp English(string email = "alice@example.com") => new(
        Guid.NewGuid(), "user-en", email, "Alice", "en", DateTimeOffset.UtcNow);

    public static string ShippedTemplates => Path.Combine(AppContext.BaseDirectory, "Templates", "Welcome");
}
