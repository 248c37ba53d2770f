using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SignupEmail.Signup.Bench.Load;

/// <summary>
/// Signup bodies the way real traffic looks here: mostly Korean names, some romanized and Latin
/// ones, addresses in mixed case (the node normalizes them), an explicit locale or only
/// <c>Accept-Language</c>. Every address is unique: the run tag, worker and sequence are in it.
/// </summary>
internal sealed class SignupPayloads(string runTag)
{
    private static readonly string[] Names =
    [
        "김민준", "이서연", "박지호", "최수아", "정예준", "강하은", "조도윤", "윤지우", "장서준", "임하윤",
        "한지민", "오승우", "서지안", "신유나", "권도현", "황보민서", "남궁현우", "김 Minjun", "Lee Seo-yeon",
        "Park Ji-ho", "Jane Doe", "José Álvarez", "Anna-Lena Müller", "Liam O'Brien", "山田 太郎",
    ];

    private static readonly string[] LocalParts =
    [
        "minjun.kim", "seoyeon.lee", "jiho.park", "Sua.Choi", "yejun.jung", "HAEUN.KANG", "doyoon.cho",
        "jiwoo_yoon", "seojun-jang", "hayoon.lim", "jane.doe", "jose.alvarez", "anna-lena", "liam.obrien",
    ];

    private static readonly string[] Domains = ["example.com", "Example.kr", "mail.example.co.kr", "users.example.org"];

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body of signup <paramref name="sequence"/> of <paramref name="worker"/>, and the <c>Accept-Language</c> to send (or <c>null</c>).</summary>
    public (byte[] Body, string? AcceptLanguage) Next(int worker, long sequence)
    {
        // Cheap deterministic mix: no shared Random between workers.
        var pick = (int)((((ulong)sequence * 2654435761UL) + ((ulong)worker * 40503UL)) % 1_000_003UL);
        var name = Names[pick % Names.Length];
        var email = string.Create(
            CultureInfo.InvariantCulture,
            $"{LocalParts[pick % LocalParts.Length]}.{runTag}.{worker}.{sequence}@{Domains[pick % Domains.Length]}");
        var password = string.Create(CultureInfo.InvariantCulture, $"pw-{pick:x6}-{sequence:x}-Secret!");
        var (locale, acceptLanguage) = (pick % 10) switch
        {
            < 5 => ("ko", null),
            < 8 => ("en", null),
            8 => (null, "ko-KR,ko;q=0.9,en;q=0.5"),
            _ => ((string?)null, (string?)"en-US,en;q=0.8"),
        };

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("email", email);
            json.WriteString("name", name);
            json.WriteString("password", password);
            if (locale is not null)
            {
                json.WriteString("locale", locale);
            }

            json.WriteEndObject();
        }

        return (buffer.ToArray(), acceptLanguage);
    }
}
