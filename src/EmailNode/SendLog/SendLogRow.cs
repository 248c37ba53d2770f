using LinqToDB;
using LinqToDB.Mapping;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>The table mapping; kept internal so the schema can change without touching callers.</summary>
[Table(TableName)]
internal sealed class SendLogRow
{
    public const string TableName = "email_send_log";
    public const int MaxErrorLength = 2000;

    // Text rather than a native UUID type: identical in every provider, and readable in any SQL tool.
    [PrimaryKey]
    [Column("event_id", DataType = DataType.VarChar, Length = 36, CanBeNull = false)]
    public string EventId { get; set; } = string.Empty;

    [Column("user_id", DataType = DataType.NVarChar, Length = 200, CanBeNull = true)]
    public string? UserId { get; set; }

    [Column("recipient", DataType = DataType.NVarChar, Length = 254, CanBeNull = true)]
    public string? Recipient { get; set; }

    [Column("locale", DataType = DataType.VarChar, Length = 35, CanBeNull = true)]
    public string? Locale { get; set; }

    [Column("status", DataType = DataType.VarChar, Length = 20, CanBeNull = false)]
    public SendStatus Status { get; set; }

    [Column("attempts", CanBeNull = false)]
    public int Attempts { get; set; }

    // Prefixed: "partition" and "offset" are keywords in several SQL dialects.
    [Column("kafka_partition", CanBeNull = true)]
    public int? Partition { get; set; }

    [Column("kafka_offset", CanBeNull = true)]
    public long? Offset { get; set; }

    [Column("message_id", DataType = DataType.VarChar, Length = 200, CanBeNull = true)]
    public string? MessageId { get; set; }

    [Column("recorded_at", CanBeNull = false)]
    public DateTimeOffset RecordedAt { get; set; }

    [Column("last_error", DataType = DataType.NVarChar, Length = MaxErrorLength, CanBeNull = true)]
    public string? LastError { get; set; }
}
