using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>
/// Whatever bytes a client sends, <c>POST /api/users</c> answers with a 4xx problem, never a 500. Runs
/// against the node behind real Kestrel, because HTTP framing (chunked encoding) is only parsed there.
/// </summary>
public sealed class MalformedRequestSpec(KestrelUserNodeFixture fixture) : IClassFixture<KestrelUserNodeFixture>
{
    // Fixed, so a failure reproduces; bounded, so the whole class runs in a few seconds.
    private const int Seed = 14_2026;
    private const int BodyMutations = 300;
    private const int FramingMutations = 40;

    // A mutated chunk size can promise more bytes than follow: the server then rightly waits for them.
    private const int NoAnswerYet = 0;
    private static readonly TimeSpan WaitForAnswer = TimeSpan.FromSeconds(5);

    private static readonly string[] ValidBodies =
    [
        "{\"email\":\"kim@example.com\",\"name\":\"김철수\",\"password\":\"password1\",\"locale\":\"ko\"}",
        "{\"email\":\"lee.minji+tag@例え.jp\",\"name\":\"Lee 🌸\",\"password\":\"correct horse\"}",
        "{\"EMAIL\":\"a@b\",\"Name\":\"K\",\"password\":\"pass\\u0077ord\",\"locale\":null,\"extra\":[1,{\"x\":2}]}",
    ];

    [Fact]
    public async Task Invalid_utf8_inside_a_property_name_is_a_400_problem()
    {
        var body = Concat("{\"em"u8.ToArray(), [0xFF, 0xFE], "ail\":\"kim@example.com\",\"name\":\"K\",\"password\":\"password1\"}"u8.ToArray());

        using var response = await fixture.Client.PostAsync("/api/users", Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.InvalidFieldsAsync());
    }

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")] // a chunk size that is not hexadecimal
    [InlineData("5\r\n{\"email\":\"kim@example.com\"}\r\n0\r\n\r\n")] // a chunk longer than its size
    public async Task A_malformed_chunked_body_is_a_400_problem(string chunkedBody)
    {
        var (status, contentType) = await SendChunkedAsync(Encoding.UTF8.GetBytes(chunkedBody));

        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", contentType);
    }

    [Fact]
    public async Task Random_byte_mutations_of_valid_bodies_never_get_a_5xx()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < BodyMutations; i++)
        {
            var body = Mutate(Encoding.UTF8.GetBytes(ValidBodies[i % ValidBodies.Length]), random);
            using var response = await fixture.Client.PostAsync("/api/users", Json(body));
            if ((int)response.StatusCode >= 500 || (int)response.StatusCode < 200)
            {
                failures.Add($"#{i} {(int)response.StatusCode}: {Convert.ToHexString(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"Seed {Seed}: {failures.Count} mutated bodies got a 5xx:\n{string.Join('\n', failures.Take(10))}");
    }

    [Fact]
    public async Task Random_byte_mutations_of_a_chunked_body_never_get_a_5xx()
    {
        var random = new Random(Seed + 1);
        var failures = new List<string>();
        var answered = 0;
        for (var i = 0; i < FramingMutations; i++)
        {
            var json = Encoding.UTF8.GetBytes(ValidBodies[i % ValidBodies.Length]);
            var half = json.Length / 2;
            var chunked = Concat(
                Encoding.ASCII.GetBytes($"{half:x}\r\n"),
                json[..half],
                Encoding.ASCII.GetBytes($"\r\n{json.Length - half:x}\r\n"),
                json[half..],
                "\r\n0\r\n\r\n"u8.ToArray());
            var mutated = Mutate(chunked, random);
            var (status, _) = await SendChunkedAsync(mutated);
            answered += status == NoAnswerYet ? 0 : 1;
            if (status is >= 500 or (< 200 and not NoAnswerYet))
            {
                failures.Add($"#{i} {status}: {Convert.ToHexString(mutated)}");
            }
        }

        Assert.True(answered >= FramingMutations / 2, $"only {answered} of {FramingMutations} requests were answered: the test checks little");
        Assert.True(failures.Count == 0, $"Seed {Seed + 1}: {failures.Count} mutated chunked bodies got a 5xx (or no answer):\n{string.Join('\n', failures.Take(10))}");
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    // One to four edits: overwrite, insert, delete or duplicate, with bytes that matter to JSON and UTF-8.
    private static byte[] Mutate(byte[] input, Random random)
    {
        byte[] interesting = [0x00, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x2C, 0x0A, 0x0D, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF];
        var bytes = new List<byte>(input);
        var edits = random.Next(1, 5);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            var value = random.Next(2) == 0 ? interesting[random.Next(interesting.Length)] : (byte)random.Next(256);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                default:
                    var length = Math.Min(random.Next(1, 8), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return [.. bytes];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // HttpClient always frames bodies correctly, so broken framing goes over a raw socket. The client
    // keeps the connection open (a half-close would make Kestrel abort the request, not answer it).
    private async Task<(int Status, string? ContentType)> SendChunkedAsync(byte[] chunkedBody)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Address.Host, fixture.Address.Port);
        var stream = tcp.GetStream();
        var head = Encoding.ASCII.GetBytes(
            "POST /api/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head);
        await stream.WriteAsync(chunkedBody);
        await stream.FlushAsync();

        using var answer = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(WaitForAnswer);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                timeout.CancelAfter(WaitForAnswer); // an answer is coming: wait for its end
            }
        }
        catch (OperationCanceledException) when (answer.Length == 0)
        {
            return (NoAnswerYet, null);
        }

        var text = Encoding.UTF8.GetString(answer.ToArray());
        var statusLine = text.Split("\r\n", 2)[0].Split(' ');
        if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status))
        {
            return (0, null);
        }

        var contentType = text.Split("\r\n\r\n", 2)[0].Split("\r\n")
            .FirstOrDefault(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim().Split(';')[0];
        return (status, contentType);
    }
}

/// <summary>A node of its own behind real Kestrel on a free port, on a SQLite database.</summary>
public sealed class KestrelUserNodeFixture : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private UserNodeFactory? _node;

    public Uri Address { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _node = new UserNodeFactory(_database);
        _node.UseKestrel(0);
        _node.StartServer();
        var address = _node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
