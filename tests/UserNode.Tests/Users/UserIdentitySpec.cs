using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Users;

public sealed class UserIdentitySpec
{
    [Fact]
    public void The_same_normalized_address_always_gives_the_same_version_8_id()
    {
        var first = UserIdentity.FromNormalizedEmail("kim@example.com");
        var second = UserIdentity.FromNormalizedEmail("kim@example.com");

        Assert.Equal(first, second);
        Assert.Equal(8, Guid.Parse(first).Version);
        // Pinned: changing the derivation would re-key every stored user.
        Assert.Equal("fab37966-ae94-8f52-ba22-15dfdafbed55", first);
    }

    [Fact]
    public void Different_addresses_give_different_ids()
    {
        Assert.NotEqual(UserIdentity.FromNormalizedEmail("kim@example.com"), UserIdentity.FromNormalizedEmail("lee@example.com"));
    }

    [Theory]
    [InlineData("FAB37966-AE94-8F52-BA22-15DFDAFBED55", "fab37966-ae94-8f52-ba22-15dfdafbed55")]
    [InlineData("fab37966-ae94-8f52-ba22-15dfdafbed55", "fab37966-ae94-8f52-ba22-15dfdafbed55")]
    [InlineData("not-a-guid", null)]
    [InlineData("fab37966ae948f52ba2215dfdafbed55", null)]
    [InlineData("01a21394-6584-7d57-a648-76ed0f310d8c", null)] // a v7 id is not one of ours
    [InlineData("", null)]
    public void Ids_from_urls_are_canonicalized_or_rejected(string input, string? expected)
    {
        Assert.Equal(expected, UserIdentity.TryCanonicalize(input));
    }
}
