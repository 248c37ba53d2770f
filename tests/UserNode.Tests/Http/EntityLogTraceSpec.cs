using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SignupEmail.Testing;
using SignupEmail.UserNode.Users;

namespace SignupEmail.UserNode.Tests.Http;

/// <summary>The user entity's log lines are found by the signup's trace id, like the HTTP request's own.</summary>
public sealed class EntityLogTraceSpec
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")] // nobody records spans: the lines still carry the trace the request came with
    public async Task A_signups_entity_log_line_carries_the_trace_id_of_its_http_request(string telemetry)
    {
        var sink = new ScopedLogSink();
        await using var database = new SqliteTestDatabase();
        await using var node = new UserNodeFactory(
            database,
            new Dictionary<string, string?> { ["UserNode:Telemetry:Enabled"] = telemetry },
            services => services.AddSingleton<ILoggerProvider>(sink));
        using var client = node.CreateClient();
        var trace = ActivityTraceId.CreateRandom().ToHexString();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = SignupJson.Signup(SignupJson.UniqueEmail("traced")) };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using (var response = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        static bool IsRegistered((string Category, string Message, string? TraceId) line) =>
            line.Category == typeof(UserEntity).FullName && line.Message.StartsWith("Registered user", StringComparison.Ordinal);
        await Eventually.TrueAsync(() => sink.Lines.Any(IsRegistered), TimeSpan.FromSeconds(30), "the entity logs the registration");
        var registered = Assert.Single(sink.Lines, IsRegistered);
        Assert.Equal(trace, registered.TraceId);
    }
}
