using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Confluent.Kafka;
using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests.Telemetry;

/// <summary>
/// One signup is one trace from the HTTP request to the send log across both nodes, and a poison
/// record's dead-letter span is linked to the trace that brought the record.
/// </summary>
public sealed class SignupTraceSpec(KafkaClusterFixture kafka) : IClassFixture<KafkaClusterFixture>
{
    [Fact]
    public async Task One_signup_yields_spans_in_both_nodes_sharing_one_trace_in_order()
    {
        await using var nodes = await TracedNodes.StartAsync(kafka);
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(
            new Uri(nodes.UserUrl, "/api/users"),
            new { email = "trace.me@example.com", name = "Trace", password = "correct horse battery", locale = "en" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        // The server span ends (and is exported) just after the answer was written.
        static bool IsSignupRequest(Activity span) => span.Kind == ActivityKind.Server && span.GetTagItem("http.request.method") is "POST";
        await Eventually.TrueAsync(() => nodes.UserSpans.ToArray().Any(IsSignupRequest), TracedNodes.Deadline, "the request span is exported");
        var request = Assert.Single(nodes.UserSpans.ToArray(), IsSignupRequest);
        Assert.Equal("/api/users/", request.GetTagItem("http.route"));
        var trace = request.TraceId;
        await Eventually.TrueAsync(
            () => nodes.AllSpans.Any(span => span.TraceId == trace && span.DisplayName == "send-log record"),
            TracedNodes.Deadline,
            "the Email node handled the signup and exported its spans");

        var spans = nodes.AllSpans.Where(span => span.TraceId == trace).ToList();
        Activity Named(string name) => Assert.Single(spans, span => span.DisplayName == name);
        var persist = Named("persist UserRegistered");
        var send = Named($"send {nodes.Topic}");
        var process = Named($"process {nodes.Topic}");
        var render = Named("render welcome");
        var deliver = Named("deliver welcome");
        var sendLog = Named("send-log record");

        // Parent links: request → persist and send; the record's traceparent is the send span's.
        Assert.Equal(request.SpanId, persist.ParentSpanId);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.All([render, deliver, sendLog], span => Assert.Equal(process.SpanId, span.ParentSpanId));

        // In the order things happened.
        var order = new[] { request, persist, send, process, render, deliver, sendLog };
        Assert.Equal(order.Select(s => s.DisplayName), order.OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName));

        // Each node exported its own part.
        Assert.Contains(nodes.UserSpans.ToArray(), span => span.SpanId == persist.SpanId);
        Assert.Contains(nodes.UserSpans.ToArray(), span => span.SpanId == send.SpanId);
        Assert.Contains(nodes.EmailSpans.ToArray(), span => span.SpanId == process.SpanId);
        Assert.Contains(nodes.EmailSpans.ToArray(), span => span.SpanId == sendLog.SpanId);
        Assert.DoesNotContain(nodes.UserSpans.ToArray(), span => span.SpanId == render.SpanId);
        Assert.DoesNotContain(nodes.EmailSpans.ToArray(), span => span.SpanId == persist.SpanId);

        // The messaging conventions' attributes.
        Assert.Equal("kafka", send.GetTagItem("messaging.system"));
        Assert.Equal(nodes.Topic, send.GetTagItem("messaging.destination.name"));
        Assert.NotNull(send.GetTagItem("messaging.destination.partition.id"));
        Assert.NotNull(send.GetTagItem("messaging.kafka.offset"));
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal(send.GetTagItem("messaging.kafka.offset"), process.GetTagItem("messaging.kafka.offset"));

        // The Email node's log lines about this signup carry its trace id in their scopes.
        Assert.Contains(nodes.EmailLogs.Lines, line => line.Message.StartsWith("Welcome e-mail for event", StringComparison.Ordinal) && line.TraceId == trace.ToHexString());
    }

    [Fact]
    public async Task A_poison_record_yields_a_dead_letter_span_linked_to_its_trace()
    {
        await using var nodes = await TracedNodes.StartAsync(kafka);
        var original = ActivityTraceId.CreateRandom();
        var traceParent = $"00-{original}-{ActivitySpanId.CreateRandom()}-01";

        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            var headers = new Headers { { "traceparent", Encoding.ASCII.GetBytes(traceParent) } };
            await producer.ProduceAsync(nodes.Topic, new Message<byte[], byte[]> { Key = "poison"u8.ToArray(), Value = "not json"u8.ToArray(), Headers = headers });
        }

        await Eventually.TrueAsync(
            () => nodes.AllSpans.Any(span => span.DisplayName == $"dead-letter {nodes.Topic}"),
            TracedNodes.Deadline,
            "the Email node dead-lettered the poison record");

        var deadLetter = Assert.Single(nodes.AllSpans, span => span.DisplayName == $"dead-letter {nodes.Topic}");
        Assert.NotEqual(original, deadLetter.TraceId); // a trace of its own …
        Assert.Contains(deadLetter.Links, link => link.Context.TraceId == original); // … linked to the record's
        var process = Assert.Single(nodes.AllSpans, span => span.DisplayName == $"process {nodes.Topic}");
        Assert.Equal(original, process.TraceId); // the failed handling stays in the original trace

        // The dead-letter record's send span continues the dead-letter span's trace.
        await Eventually.TrueAsync(
            () => nodes.AllSpans.Any(span => span.DisplayName == $"send {nodes.DeadLetterTopic}"),
            TracedNodes.Deadline,
            "the dead-letter record was sent");
        var send = Assert.Single(nodes.AllSpans, span => span.DisplayName == $"send {nodes.DeadLetterTopic}");
        Assert.Equal(deadLetter.SpanId, send.ParentSpanId);
    }
}
