using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>
/// One small HTTP server answering the User and Email node routes the dashboard reads, with the
/// documented shapes (docs/admin-api.md): it counts every request by path, can fail or stall a route,
/// and records what the dashboard sent to it. For the properties a real node cannot be made to show on
/// demand (a failing source, how often the dashboard reads).
/// </summary>
internal sealed class FakeNodes : IAsyncDisposable
{
    public const string Key = "fake-nodes-admin-key-0123456789";

    private static readonly int[] AllBrokers = [1, 2, 3];

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failing = new(StringComparer.Ordinal);

    private FakeNodes(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    /// <summary>Bodies of <c>PUT /admin/delivery/delay</c> and <c>POST /admin/dead-letters/replay</c>, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Status code answered to <c>POST /api/users</c>.</summary>
    public int SignupStatus { get; set; } = StatusCodes.Status201Created;

    public static async Task<FakeNodes> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var nodes = new FakeNodes(app);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            nodes._requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (context.Request.Headers["X-Admin-Key"] != Key && path.StartsWith("/admin", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (nodes._failing.TryGetValue(path, out var status))
            {
                context.Response.StatusCode = status;
                return;
            }

            await next(context);
        });
        nodes.MapRoutes(app);
        await app.StartAsync();
        return nodes;
    }

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int Requests(string path) => _requests.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Makes <paramref name="path"/> answer <paramref name="status"/> from now on.</summary>
    public void Fail(string path, int status = StatusCodes.Status500InternalServerError) => _failing[path] = status;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void MapRoutes(WebApplication app)
    {
        const string member = "akka.tcp://signup-user@127.0.0.1:4053";
        app.MapGet("/admin/cluster", () => Json(new
        {
            self = member,
            leader = member,
            members = new[] { new { address = member, status = "Up", roles = Array.Empty<string>(), upNumber = 1, reachable = true, isSelf = true, isLeader = true } },
            unreachable = Array.Empty<string>(),
        }));
        app.MapGet("/admin/sharding/stats", () => Json(new
        {
            typeName = "user",
            totalShards = 7,
            totalEntities = 25,
            regions = new[] { new { address = member, shards = 7, entities = 25 } },
            failed = Array.Empty<string>(),
        }));
        app.MapGet("/admin/publisher", () => Json(new
        {
            address = member,
            running = true,
            committedOrdering = 41,
            inFlight = 0,
            openGaps = 0,
            waitingForKafka = "00:00:00",
            held = 0,
            firstHeld = (string?)null,
        }));
        app.MapGet("/metrics", () => Results.Text(
            """
            # TYPE signupemail_signups_total counter
            signupemail_signups_total{otel_scope_name="SignupEmail.UserNode.Signup",signupemail_signup_outcome="created"} 300
            signupemail_signups_total{otel_scope_name="SignupEmail.UserNode.Signup",signupemail_signup_outcome="rate_limited"} 4
            signupemail_publish_delay_seconds_count{otel_scope_name="SignupEmail.UserNode.Publishing"} 300
            signupemail_records_handled_total{otel_scope_name="SignupEmail.EmailNode.Consuming",signupemail_record_outcome="sent"} 298
            signupemail_dead_letters_written_total{otel_scope_name="SignupEmail.EmailNode.Consuming"} 2

            """,
            "text/plain; version=0.0.4"));
        var partitions = Enumerable.Range(0, 3).Select(p => new { partition = p, leader = p + 1, replicas = AllBrokers, isr = AllBrokers }).ToArray();
        app.MapGet("/admin/kafka/topics", () => Json(new
        {
            brokers = Enumerable.Range(1, 3).Select(id => new { id, host = "127.0.0.1", port = 9090 + id }),
            controllerId = 1,
            topics = new[] { new { name = "user.signed-up", partitions }, new { name = "user.signed-up.dlt", partitions } },
        }));
        app.MapGet("/admin/kafka/lag", () => Json(new
        {
            groupId = "email-service",
            topic = "user.signed-up",
            readAt = DateTimeOffset.UtcNow,
            partitions = Enumerable.Range(0, 3).Select(p => new { partition = p, committed = 120L, end = 125L, lag = 5L, assignedHere = true }),
            totalLag = 15,
        }));
        app.MapGet("/admin/consumer", () => Json(new
        {
            groupId = "email-service",
            running = true,
            runs = 1,
            readAt = DateTimeOffset.UtcNow,
            circuit = new { state = "Closed", consecutiveFailures = 0, openedAt = (string?)null },
            partitions = Enumerable.Range(0, 3).Select(p => new { topic = "user.signed-up", partition = p, committed = 120L, highWatermark = 125L, lag = 5L, state = "Consuming" }),
        }));
        app.MapGet("/admin/dead-letters", () => Json(new
        {
            items = new[]
            {
                new
                {
                    partition = 1,
                    offset = 3L,
                    timestamp = DateTimeOffset.UtcNow,
                    eventId = "0199c0de-0000-7000-8000-000000000001",
                    key = "user-1",
                    headers = new Dictionary<string, string>
                    {
                        ["dlt-original-partition"] = "2",
                        ["dlt-original-offset"] = "41",
                        ["dlt-exception-type"] = "PoisonRecordException",
                        ["dlt-exception-message"] = "not a UserSignedUp",
                    },
                },
            },
            next = (string?)null,
        }));
        app.MapPut("/admin/delivery/delay", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            Received.Enqueue(body);
            return Results.Text(body, "application/json");
        });
        app.MapPost("/admin/dead-letters/replay", async (HttpRequest request) =>
        {
            Received.Enqueue(await new StreamReader(request.Body).ReadToEndAsync());
            return Json(new { replayed = 1 });
        });
        app.MapPost("/api/users", () => Results.StatusCode(SignupStatus));
    }

    private static IResult Json(object value) => Results.Text(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), "application/json");
}
