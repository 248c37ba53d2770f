using SignupEmail.Shared.Sql;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>
/// The send log's secondary indexes, for the admin API's lookup by recipient. Each statement creates
/// its index only when missing, so it is safe on every start and on a database made before it existed.
/// </summary>
internal static class SendLogIndexes
{
    private const string Recipient = "ix_email_send_log_recipient";
    private const string RecipientLowerCase = "ix_email_send_log_recipient_lower";

    /// <summary>The statements for <paramref name="provider"/>, in order.</summary>
    public static IReadOnlyList<string> Create(SqlProvider provider) => provider switch
    {
        // No expression indexes, no CREATE INDEX IF NOT EXISTS; its default collation ignores case anyway.
        SqlProvider.SqlServer =>
        [
            $"IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = '{Recipient}' AND object_id = OBJECT_ID('{SendLogRow.TableName}')) " +
            $"CREATE INDEX {Recipient} ON {SendLogRow.TableName} (recipient)",
        ],
        _ =>
        [
            $"CREATE INDEX IF NOT EXISTS {Recipient} ON {SendLogRow.TableName} (recipient)",
            $"CREATE INDEX IF NOT EXISTS {RecipientLowerCase} ON {SendLogRow.TableName} (lower(recipient))",
        ],
    };
}
