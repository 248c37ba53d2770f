using Confluent.Kafka;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Bench;

/// <summary>Valid UserSignedUp v1 records as the User node publishes them: mostly Korean names, some English.</summary>
internal static class SignupEvents
{
    private static readonly string[] KoreanNames = ["김민지", "이서준", "박지우", "최하은", "정도윤", "강서연", "조예준", "윤지호", "장수아", "임하준"];
    private static readonly string[] EnglishNames = ["Alice Kim", "Ben Park", "Chloe Lee"];
    private static readonly UserSignedUpEncoder Encoder = new("/signupemail/bench");

    /// <summary>The <paramref name="n"/>-th event of a run; four in five are Korean (<c>ko</c> template).</summary>
    public static UserSignedUp Create(string run, int n)
    {
        var korean = n % 5 != 4;
        var name = korean ? KoreanNames[n % KoreanNames.Length] : EnglishNames[n % EnglishNames.Length];
        return new UserSignedUp(Guid.NewGuid(), $"{run}-user-{n}", $"{run}.user{n}@example.com", name, korean ? "ko" : "en", DateTimeOffset.UtcNow);
    }

    /// <summary>The Kafka message the User node's publisher would write: key = user id, CloudEvents headers.</summary>
    public static Message<byte[], byte[]> ToMessage(UserSignedUp @event)
    {
        var encoded = Encoder.Encode(@event);
        var headers = new Headers();
        foreach (var header in encoded.Headers)
        {
            headers.Add(header.Name, header.Value);
        }

        return new Message<byte[], byte[]> { Key = encoded.Key, Value = encoded.Value, Headers = headers };
    }
}
