using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SignupEmail.EmailNode.SendLog;

/// <summary>Recognises "that key already exists" in each provider's own words.</summary>
internal static class UniqueViolation
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqlServerObjectAlreadyExists = 2714;
    private const int SqlServerIndexAlreadyExists = 1913;

    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var match = current switch
            {
                SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
                    && sqlite.SqliteExtendedErrorCode is SqliteConstraintPrimaryKey or SqliteConstraintUnique,
                PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
                SqlException sqlServer => sqlServer.Number is 2627 or 2601,
                _ => false,
            };
            if (match)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// SQL Server's "there is already an object named ..." (2714): what a <c>CREATE TABLE</c> gets
    /// when another node created the table between its existence check and its create; and its
    /// "an index with that name already exists" (1913), the same race for an index.
    /// </summary>
    public static bool IsObjectAlreadyThere(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqlException { Number: SqlServerObjectAlreadyExists or SqlServerIndexAlreadyExists })
            {
                return true;
            }
        }

        return false;
    }
}
