using System.Text;
using System.Text.Json.Nodes;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.Shared.Tests;

public sealed class UserSignedUpDecodeFailureSpec
{
    private static readonly Guid EventId = Events.Korean().EventId;

    private static JsonObject ValidJson() => new()
    {
        ["schemaVersion"] = 1,
        ["eventId"] = EventId.ToString(),
        ["userId"] = "user-42",
        ["email"] = "kim.minji@example.com",
        ["name"] = "김민지",
        ["locale"] = "ko",
        ["occurredAt"] = "2026-11-25T09:30:15+09:00",
    };

    private static DecodeFailure Fail(byte[]? value, IReadOnlyList<RecordHeader>? headers = null)
    {
        var result = UserSignedUpDecoder.Decode(value, headers);
        Assert.False(result.IsDecoded, "expected a decode failure");
        return result.Failure;
    }

    private static DecodeFailure Fail(JsonObject json) => Fail(Encoding.UTF8.GetBytes(json.ToJsonString()));

    [Fact]
    public void The_valid_baseline_decodes()
    {
        Assert.True(UserSignedUpDecoder.Decode(Encoding.UTF8.GetBytes(ValidJson().ToJsonString()), null).IsDecoded);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":1,")]
    [InlineData("not json at all")]
    [InlineData("{\"schemaVersion\":1,\"schemaVersion\":1}")]
    public void Text_that_is_not_json_is_undecodable(string text)
    {
        var failure = Fail(Encoding.UTF8.GetBytes(text));

        Assert.Equal(DecodeFailureKind.UndecodableJson, failure.Kind);
        Assert.Null(failure.Field);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_undecodable()
    {
        Assert.Equal(DecodeFailureKind.UndecodableJson, Fail([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]).Kind);
    }

    [Fact]
    public void A_json_array_is_undecodable()
    {
        var failure = Fail(Encoding.UTF8.GetBytes("[1,2]"));

        Assert.Equal(DecodeFailureKind.UndecodableJson, failure.Kind);
        Assert.Contains("array", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tombstone_is_undecodable_but_keeps_the_header_event_id()
    {
        var failure = Fail(null, [new RecordHeader("ce_id", Encoding.UTF8.GetBytes(EventId.ToString()))]);

        Assert.Equal(DecodeFailureKind.UndecodableJson, failure.Kind);
        Assert.Equal(EventId, failure.EventId);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    public void An_unknown_schema_version_is_reported_as_such(int version)
    {
        var json = ValidJson();
        json["schemaVersion"] = version;

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.UnknownSchemaVersion, failure.Kind);
        Assert.Equal("schemaVersion", failure.Field);
        Assert.Contains(version.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schemaVersion")]
    [InlineData("eventId")]
    [InlineData("userId")]
    [InlineData("email")]
    [InlineData("name")]
    [InlineData("locale")]
    [InlineData("occurredAt")]
    public void A_missing_field_is_named(string field)
    {
        var json = ValidJson();
        json.Remove(field);

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.MissingField, failure.Kind);
        Assert.Equal(field, failure.Field);
        Assert.Contains(field, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_field_counts_as_missing()
    {
        var json = ValidJson();
        json["name"] = null;

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.MissingField, failure.Kind);
        Assert.Equal("name", failure.Field);
    }

    [Theory]
    [InlineData("schemaVersion", "\"1\"")]
    [InlineData("schemaVersion", "1.5")]
    [InlineData("eventId", "\"not-a-uuid\"")]
    [InlineData("eventId", "\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("userId", "42")]
    [InlineData("userId", "\"  \"")]
    [InlineData("name", "\"\"")]
    [InlineData("name", "\"Kim\\r\\nBcc: victim@example.com\"")]
    [InlineData("locale", "\"korean language\"")]
    [InlineData("locale", "\"\"")]
    [InlineData("occurredAt", "\"yesterday\"")]
    [InlineData("occurredAt", "\"2026-11-25T09:30:15\"")]
    [InlineData("occurredAt", "1764030615")]
    public void An_invalid_field_is_named(string field, string rawValue)
    {
        var json = ValidJson();
        json[field] = JsonNode.Parse(rawValue);

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.InvalidField, failure.Kind);
        Assert.Equal(field, failure.Field);
    }

    [Theory]
    [InlineData("kim.minji")]
    [InlineData("kim@")]
    [InlineData("kim@@example.com")]
    [InlineData("Kim <kim@example.com>")]
    [InlineData("kim@example.com, lee@example.com")]
    [InlineData("kim minji@example.com")]
    [InlineData("kim.minji.@example.com")] // MailKit cannot parse it: poison at once, not after five send attempts
    public void An_invalid_email_address_is_reported_without_leaking_it(string email)
    {
        var json = ValidJson();
        json["email"] = email;

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.InvalidEmailAddress, failure.Kind);
        Assert.Equal("email", failure.Field);
        Assert.Equal(EventId, failure.EventId);
        Assert.DoesNotContain(email, failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_without_a_local_part_is_an_invalid_email_address()
    {
        var json = ValidJson();
        json["email"] = "@example.com";

        Assert.Equal(DecodeFailureKind.InvalidEmailAddress, Fail(json).Kind);
    }

    [Fact]
    public void An_email_of_the_wrong_type_is_an_invalid_field()
    {
        var json = ValidJson();
        json["email"] = new JsonArray("kim@example.com");

        var failure = Fail(json);

        Assert.Equal(DecodeFailureKind.InvalidField, failure.Kind);
        Assert.Equal("email", failure.Field);
    }

    [Fact]
    public void Failures_after_the_event_id_carry_it()
    {
        var json = ValidJson();
        json["locale"] = 7;

        Assert.Equal(EventId, Fail(json).EventId);
    }
}
