using LinqToDB.Mapping;

namespace SignupEmail.UserNode.Publishing;

/// <summary>
/// The columns of Akka.Persistence.Sql's <c>journal</c> table that the publisher reads. The table
/// belongs to the plugin (default table mapping); only reads are mapped here.
/// </summary>
[Table("journal")]
internal sealed class JournalRow
{
    [Column("ordering"), PrimaryKey]
    public long Ordering { get; set; }

    [Column("persistence_id"), NotNull]
    public string PersistenceId { get; set; } = string.Empty;

    [Column("sequence_number"), NotNull]
    public long SequenceNumber { get; set; }

    [Column("manifest")]
    public string? Manifest { get; set; }

    [Column("identifier")]
    public int? Identifier { get; set; }

    [Column("message"), NotNull]
    public byte[] Message { get; set; } = [];
}
