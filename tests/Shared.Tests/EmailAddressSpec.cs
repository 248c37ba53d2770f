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
    [InlineData(".kim@example.com", false)] // MailKit refuses a dot first, last or doubled in the local part
    [InlineData("kim.@example.com", false)]
    [InlineData("kim..lee@example.com", false)]
    [InlineData("kim@example.com.", false)]
    [InlineData("kim@-example.com", false)] // not a host name
    [InlineData("kim@exa_mple.com", false)]
    [InlineData("kim@xn--zz.com", false)] // not valid punycode
    [InlineData("kim©@example.com", false)] // a symbol outside ASCII
    [InlineData("kim\u200b@example.com", false)] // an invisible character
    [InlineData("user@例え.jp", true)]
    [InlineData("user@xn--r8jz45g.jp", true)]
    [InlineData("o'brien+tag@example.com", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValid_accepts_only_one_plain_address(string? address, bool expected)
    {
        Assert.Equal(expected, EmailAddress.IsValid(address));
    }

    [Fact]
    public void IsValid_rejects_addresses_longer_than_smtp_allows()
    {
        var domain = $"{new string('b', 63)}.{new string('b', 63)}.{new string('b', 57)}.com"; // labels DNS allows

        Assert.True(EmailAddress.IsValid(new string('a', 64) + "@" + domain)); // 254
        Assert.False(EmailAddress.IsValid(new string('a', 64) + "@b" + domain)); // 255
    }

    [Theory]
    [InlineData("Kim@Example.COM", "Kim@example.com")] // the local part keeps its case: the receiving server owns it
    [InlineData("user@例え.jp", "user@xn--r8jz45g.jp")]
    [InlineData("user@XN--R8JZ45G.jp", "user@xn--r8jz45g.jp")]
    [InlineData("user@ＥＸＡＭＰＬＥ.com", "user@example.com")] // full-width: one spelling per domain
    [InlineData("김민지@example.com", "김민지@example.com")]
    [InlineData("a\u0308@example.com", "ä@example.com")] // NFD → NFC: one spelling per local part
    public void TryCanonicalize_gives_one_form_per_mailbox(string address, string expected)
    {
        Assert.True(EmailAddress.TryCanonicalize(address, out var canonical, out var problem), problem);
        Assert.Equal(expected, canonical);
    }

    [Fact]
    public void Two_spellings_of_one_mailbox_have_one_identity()
    {
        EmailAddress.TryCanonicalize("Kim@例え.JP", out var unicode, out _);
        EmailAddress.TryCanonicalize("kim@xn--r8jz45g.jp", out var ascii, out _);

        Assert.Equal(EmailAddress.Identity(ascii!), EmailAddress.Identity(unicode!));
        Assert.Equal("kim@xn--r8jz45g.jp", EmailAddress.Identity(unicode!));
    }

    [Fact]
    public void A_refused_address_comes_with_the_reason()
    {
        Assert.False(EmailAddress.TryCanonicalize("kim.@example.com", out _, out var problem));

        Assert.Contains("dots", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValid_counts_the_local_part_in_utf8_bytes()
    {
        Assert.True(EmailAddress.IsValid(new string('가', 21) + "@example.com")); // 63 bytes
        Assert.False(EmailAddress.IsValid(new string('가', 22) + "@example.com")); // 66 bytes
    }

    [Fact]
    public void MaskWithin_masks_every_address_inside_a_server_reply()
    {
        var masked = EmailAddress.MaskWithin("5.1.1 <kim.minji@example.com>: Recipient rejected; see lee@example.org");

        Assert.Equal("5.1.1 <k***@example.com>: Recipient rejected; see l***@example.org", masked);
    }
}
