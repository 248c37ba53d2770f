using LinqToDB.Mapping;

namespace SignupEmail.UserNode.Publishing;

/// <summary>One publisher's durable offset: every journal ordering up to it reached Kafka.</summary>
[Table("publisher_offsets")]
internal sealed class PublisherOffsetRow
{
    [Column("publisher_id", Length = 100), PrimaryKey, NotNull]
    public string PublisherId { get; set; } = string.Empty;

    [Column("ordering"), NotNull]
    public long Ordering { get; set; }
}
