using System.Text;
using System.Text.Json;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.Shared.Tests;

public sealed class UserSignedUpRoundTripSpec
{
    private readonly UserSignedUpEncoder _encoder = new("/signupemail/user-node");

    [Fact]
    public void An_encoded_event_decodes_to_an_equal_event()
    {
        var original = Events.Korean();

        var record = _encoder.Encode(original);
        var result = UserSignedUpDecoder.Decode(record.Value, record.Headers);

        Assert.True(result.IsDecoded, result.Failure?.Reason);
        Assert.Equal(original, result.Event);
        Assert.Equal(original.OccurredAt.Offset, result.Event.OccurredAt.Offset);
    }

    [Fact]
    public void Korean_text_is_written_as_utf8_not_as_unicode_escapes()
    {
        var record = _encoder.Encode(Events.Korean() with { Name = "김민지 <\"quoted\">" });
        var json = Encoding.UTF8.GetString(record.Value);

        Assert.Contains("\"name\":\"김민지", json, StringComparison.Ordinal);
        Assert.Contains("김민지 <\\\"quoted\\\">", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
        Assert.Equal("김민지 <\"quoted\">", UserSignedUpDecoder.Decode(record.Value, null).Event?.Name);
    }

    [Fact]
    public void The_value_carries_the_schema_version_and_camel_case_fields()
    {
        var record = _encoder.Encode(Events.Korean());

        using var json = JsonDocument.Parse(record.Value);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(
            ["schemaVersion", "eventId", "userId", "email", "name", "locale", "occurredAt"],
            root.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_key_is_the_user_id()
    {
        var record = _encoder.Encode(Events.Korean());

        Assert.Equal("user-42", Encoding.UTF8.GetString(record.Key));
    }

    [Fact]
    public void Cloud_events_headers_describe_the_event()
    {
        var original = Events.Korean();
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var record = _encoder.Encode(original, traceParent);
        var headers = record.Headers.ToDictionary(h => h.Name, h => Encoding.UTF8.GetString(h.Value));

        Assert.Equal("1.0", headers["ce_specversion"]);
        Assert.Equal(original.EventId.ToString(), headers["ce_id"]);
        Assert.Equal("com.signupemail.user.signed-up.v1", headers["ce_type"]);
        Assert.Equal("/signupemail/user-node", headers["ce_source"]);
        Assert.Equal("2026-11-25T00:30:15.1230000Z", headers["ce_time"]);
        Assert.Equal("application/json; charset=utf-8", headers["content-type"]);
        Assert.Equal(traceParent, headers["traceparent"]);
        Assert.Equal(traceParent, UserSignedUpDecoder.Decode(record.Value, record.Headers).TraceParent);
    }

    [Fact]
    public void Without_a_trace_there_is_no_traceparent_header()
    {
        var record = _encoder.Encode(Events.Korean());

        Assert.DoesNotContain(record.Headers, h => h.Name == "traceparent");
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored()
    {
        var json = """
            {"schemaVersion":1,"eventId":"0b6f5c8e-3b0f-4a57-9d0a-5c1f0e6b2a11","userId":"user-42",
             "email":"kim.minji@example.com","name":"김민지","locale":"ko-KR",
             "occurredAt":"2026-11-25T09:30:15.123+09:00",
             "referrer":{"campaign":"winter","tags":[1,2,3]},"marketingOptIn":true}
            """;

        var result = UserSignedUpDecoder.Decode(Encoding.UTF8.GetBytes(json), null);

        Assert.True(result.IsDecoded, result.Failure?.Reason);
        Assert.Equal(Events.Korean(), result.Event);
    }

    [Fact]
    public void The_encoder_refuses_an_event_every_consumer_would_reject()
    {
        var ex = Assert.Throws<ArgumentException>(() => _encoder.Encode(Events.Korean() with { Email = "not-an-address" }));

        Assert.Contains("email", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_options_keep_hangul_and_use_camel_case()
    {
        var json = JsonSerializer.Serialize(new { DisplayName = "김민지" }, ContractJson.Options);

        Assert.Equal("{\"displayName\":\"김민지\"}", json);
    }
}
