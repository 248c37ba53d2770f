using SignupEmail.Shared.Contracts;

namespace SignupEmail.Shared.Tests;

public sealed class EmailAddressSpec
{
    [Theory]
    [InlineData("kim@example.com", "k***@example.com")]
    [InlineData("k@example.com", "k***@example.com")]
    [InlineData("minji.kim+signup@mail.example.co.kr", "m***@mail.example.co.kr")]
    [InlineData("@example.com", "***@example.com")]
    [InlineData("no-at-sign", "***")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Mask_keeps_the_first_character_and_the_domain(string? address, string expected)
    {
        Assert.Equal(expected, EmailAddress.Mask(address));
    }

    [Fact]
    public void Mask_never_reveals_more_than_one_character_of_the_local_part()
    {
        var masked = EmailAddress.Mask("secretname@example.com");

        Assert.DoesNotContain("ecret", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kim@example.com", true)]
    [InlineData("kim.minji+tag@sub.example.co.kr", true)]
    [InlineData("김민지@example.com", true)]
    [InlineData("kim", false)]
    [InlineData("kim@example.com ", false)]
    [InlineData("Kim <kim@example.com>", false)]
    [InlineData("kim@exa mple.com", false)]
    [InlineData("kim@example.com\r\nBcc: x@y.z", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_only_one_plain_address(string? address, bool expected)
    {
        Assert.Equal(expected, EmailAddress.IsValid(address));
    }

    [Fact]
    public void IsValid_rejects_addresses_longer_than_smtp_allows()
    {
        Assert.False(EmailAddress.IsValid(new string('a', 64) + "@" + new string('b', 186) + ".com"));
    }

    [Fact]
    public void MaskWithin_masks_every_address_inside_a_server_reply()
    {
        var masked = EmailAddress.MaskWithin("5.1.1 <kim.minji@example.com>: Recipient rejected; see lee@example.org");

        Assert.Equal("5.1.1 <k***@example.com>: Recipient rejected; see l***@example.org", masked);
    }
}
