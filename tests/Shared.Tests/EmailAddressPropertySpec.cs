using System.Text;
using MimeKit;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.Shared.Tests;

/// <summary>
/// Issue #14: a 201 that never became an e-mail. Over a seeded, bounded corpus of generated
/// addresses (valid ones and near misses), everything the rule accepts is canonical after one step,
/// encodes, decodes to the same address, and is an address MimeKit (the Email node's MIME library)
/// parses and renders into a message.
/// </summary>
public sealed class EmailAddressPropertySpec
{
    private const int Seed = 20_261_204;
    private const int Candidates = 20_000;

    // Pieces that make valid addresses and the near misses around them.
    private static readonly string[] LocalPieces =
    [
        "kim", "Minji", "o'brien", "a+tag", "x_y", "1", "z", "!#$%&'*+-/=?^_`{|}~", "김민지", "ä", "a\u0308", "é", "ß", "İ",
        "١٢", "名", ".", ".", "..", "@", " ", "\"", "\\", "(", ")", ",", ";", ":", "<", ">", "[", "]", "©", "\u200b",
        "\u00a0", "\t", "\r\n", "\ud800", "🌸",
    ];

    private static readonly string[] DomainPieces =
    [
        "example", "com", "co", "kr", "jp", "예시", "例え", "xn--r8jz45g", "ＥＸＡＭＰＬＥ", "EXAMPLE", "b", "a-b", "-a", "a-",
        "xn--zz", "x_y", "1", "123", "ä", "ß", "İ", "", "..", "a", "🌸", "\u200b",
    ];

    private readonly UserSignedUpEncoder _encoder = new("/signupemail/user-node");

    [Fact]
    public void Every_accepted_address_is_canonical_encodes_decodes_and_parses_as_a_mailkit_address()
    {
        var random = new Random(Seed);
        var accepted = 0;
        var failures = new List<string>();
        for (var i = 0; i < Candidates && failures.Count < 10; i++)
        {
            var candidate = Generate(random);
            if (!EmailAddress.TryCanonicalize(candidate, out var canonical, out _))
            {
                continue;
            }

            accepted++;
            var problem = Check(canonical);
            if (problem is not null)
            {
                failures.Add($"{Escape(candidate)} → {Escape(canonical)}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, $"Seed {Seed}:\n{string.Join('\n', failures)}");
        Assert.True(accepted >= Candidates / 10, $"only {accepted} of {Candidates} candidates were valid: the corpus checks too little");
    }

    private string? Check(string canonical)
    {
        if (!EmailAddress.TryCanonicalize(canonical, out var again, out var refused) || again != canonical)
        {
            return $"the canonical form is not canonical ({refused ?? Escape(again)})";
        }

        var @event = new UserSignedUp(Guid.NewGuid(), "user-1", canonical, "Kim", "ko", DateTimeOffset.UnixEpoch);
        EncodedRecord record;
        try
        {
            record = _encoder.Encode(@event);
        }
        catch (ArgumentException e)
        {
            return $"the encoder refuses it: {e.Message}";
        }

        var decoded = UserSignedUpDecoder.Decode(record.Value, record.Headers);
        if (!decoded.IsDecoded || decoded.Event.Email != canonical)
        {
            return $"it does not decode to itself: {decoded.Failure?.Reason}";
        }

        try
        {
            // What the Email node does with it: a recipient of a message, written out as MIME.
            var recipient = new MailboxAddress("Kim", canonical);
            var message = new MimeMessage { Subject = "Welcome", Body = new TextPart("plain") { Text = "Hi" } };
            message.From.Add(new MailboxAddress("SignupEmail", "welcome@signupemail.test"));
            message.To.Add(recipient);
            using var written = new MemoryStream();
            message.WriteTo(written);
            var parsed = MailboxAddress.Parse(canonical);
            return string.Equals(parsed.GetAddress(idnEncode: true), canonical, StringComparison.Ordinal)
                ? null
                : $"MimeKit reads it as {Escape(parsed.GetAddress(idnEncode: true))}";
        }
        catch (ParseException e)
        {
            return $"MimeKit cannot parse it: {e.Message}";
        }
    }

    private static string Generate(Random random)
    {
        var local = new StringBuilder();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            local.Append(Pick(random, LocalPieces, validBias: 14));
        }

        var domain = new StringBuilder();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            if (domain.Length > 0)
            {
                domain.Append('.');
            }

            domain.Append(Pick(random, DomainPieces, validBias: 11));
        }

        if (domain.Length > 0 && random.Next(3) > 0)
        {
            domain.Append('.').Append(random.Next(2) == 0 ? "com" : "kr");
        }

        return $"{local}@{domain}";
    }

    // Mostly pieces from the valid head of the list, so that a good share of candidates is accepted.
    private static string Pick(Random random, string[] pieces, int validBias) =>
        pieces[random.Next(4) > 0 ? random.Next(validBias) : random.Next(pieces.Length)];

    private static string Escape(string? text) =>
        text is null ? "null" : string.Concat(text.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));
}
