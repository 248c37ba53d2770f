namespace SignupEmail.SignupCtl.Tests;

/// <summary>Answers shaped as docs/admin-api.md specifies them, for the fake nodes.</summary>
internal static class ContractJson
{
    public const string Self = "akka.tcp://signup-user@127.0.0.1:4053";
    public const string Other = "akka.tcp://signup-user@127.0.0.1:4054";

    public const string Cluster = $$"""
        { "self": "{{Self}}", "leader": "{{Self}}",
          "members": [
            { "address": "{{Self}}", "status": "Up", "roles": [], "upNumber": 1, "reachable": true, "isSelf": true, "isLeader": true },
            { "address": "{{Other}}", "status": "Up", "roles": ["signup"], "upNumber": 2, "reachable": false, "isSelf": false, "isLeader": false } ],
          "unreachable": [ "{{Other}}" ] }
        """;

    public const string Regions = $$"""
        { "typeName": "user", "address": "{{Self}}",
          "shards": [ { "shardId": "17", "entities": 3 }, { "shardId": "4", "entities": 2 } ], "failed": [] }
        """;

    public const string ShardingStats = $$"""
        { "typeName": "user", "totalShards": 12, "totalEntities": 40,
          "regions": [ { "address": "{{Self}}", "shards": 7, "entities": 25 }, { "address": "{{Other}}", "shards": 5, "entities": 15 } ],
          "failed": [] }
        """;

    public const string Publisher = $$"""
        { "address": "{{Self}}", "running": true, "committedOrdering": 1041,
          "inFlight": 2, "openGaps": 0, "waitingForKafka": "00:00:01.5000000", "held": 0, "firstHeld": null }
        """;

    public const string Topics = """
        { "brokers": [ { "id": 1, "host": "127.0.0.1", "port": 41233 }, { "id": 2, "host": "127.0.0.1", "port": 38011 },
                       { "id": 3, "host": "127.0.0.1", "port": 45679 } ], "controllerId": 2,
          "topics": [ { "name": "user.signed-up", "partitions": [
              { "partition": 0, "leader": 1, "replicas": [1, 2, 3], "isr": [1, 2, 3] },
              { "partition": 1, "leader": 2, "replicas": [2, 3, 1], "isr": [2, 3] },
              { "partition": 2, "leader": 3, "replicas": [3, 1], "isr": [3, 1] } ] },
            { "name": "user.signed-up.dlt", "partitions": [
              { "partition": 0, "leader": 2, "replicas": [2, 3, 1], "isr": [2, 3, 1] } ] } ] }
        """;

    public const string Lag = """
        { "groupId": "email-service", "topic": "user.signed-up", "readAt": "2026-12-04T09:00:00+00:00",
          "partitions": [ { "partition": 0, "committed": 120, "end": 125, "lag": 5, "assignedHere": true },
                          { "partition": 1, "committed": null, "end": 7, "lag": 7, "assignedHere": false } ],
          "totalLag": 12 }
        """;

    public const string DeadLetterPage1 = """
        { "items": [ DEAD_LETTER_0_3, DEAD_LETTER_0_4 ], "next": "/admin/dead-letters?partition=0&fromOffset=5&limit=100" }
        """;

    public const string DeadLetterPage2 = """
        { "items": [ DEAD_LETTER_1_0 ], "next": null }
        """;

    public const string Mail = """
        { "items": [ { "eventId": "01a2405c-768e-7f12-ae88-ec47d3fc8146", "userId": "7083484f-28c5-8e9e-a4a1-2e03315c711d",
              "recipient": "minji@example.com", "locale": "ko", "status": "Sent", "attempts": 1, "partition": 0, "offset": 41,
              "messageId": "<01a2405c-768e-7f12-ae88-ec47d3fc8146@signupemail.local>", "recordedAt": "2026-12-04T09:22:11+00:00",
              "lastError": null } ] }
        """;

    public const string UserNodeInfo = """
        { "node": "user", "version": "1.0.0+abc", "host": "box", "processId": 4242,
          "environment": "Production", "startedAt": "2026-12-04T09:00:00+00:00", "uptime": "01:02:03.456",
          "configuration": { "UserNode:Persistence:Provider": "Sqlite", "UserNode:Admin:ApiKey": "***" } }
        """;

    public const string EmailNodeInfo = """
        { "node": "email", "version": "1.0.0+abc", "host": "box", "processId": 4343,
          "environment": "Production", "startedAt": "2026-12-04T09:00:00+00:00", "uptime": "1.01:02:03",
          "configuration": { "Email:Delivery:Mode": "Pickup", "Email:Admin:ApiKey": "***" } }
        """;

    public static string DeadLetterPages(int page) =>
        (page == 1 ? DeadLetterPage1 : DeadLetterPage2)
            .Replace("DEAD_LETTER_0_3", DeadLetter(0, 3, 41), StringComparison.Ordinal)
            .Replace("DEAD_LETTER_0_4", DeadLetter(0, 4, 42), StringComparison.Ordinal)
            .Replace("DEAD_LETTER_1_0", DeadLetter(1, 0, 7), StringComparison.Ordinal);

    public static string Problem(int status, string title, string? detail = null, string? errors = null) =>
        $$"""
        { "type": "https://tools.ietf.org/html/rfc9110", "title": "{{title}}", "status": {{status}}
          {{(detail is null ? string.Empty : $", \"detail\": \"{detail}\"")}}
          {{(errors is null ? string.Empty : $", \"errors\": {errors}")}} }
        """;

    private static string DeadLetter(int partition, long offset, long originalOffset) => $$"""
        { "partition": {{partition}}, "offset": {{offset}}, "timestamp": "2026-12-04T09:00:00+00:00",
          "eventId": "evt-{{partition}}-{{offset}}", "key": "key-{{offset}}",
          "headers": { "dlt-original-topic": "user.signed-up", "dlt-original-partition": "{{partition}}",
                       "dlt-original-offset": "{{originalOffset}}", "dlt-exception-type": "DecodeFailure",
                       "dlt-exception-message": "not a UserSignedUp", "dlt-attempts": "1",
                       "dlt-failed-at": "2026-12-04T09:00:01+00:00" } }
        """;
}
