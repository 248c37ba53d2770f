using LinqToDB;
using Microsoft.Data.Sqlite;

namespace SignupEmail.Shared.Sql;

/// <summary>Names of the <see cref="SqlProvider"/>s in configuration, and how linq2db connects to each.</summary>
public static class SqlProviders
{
    // Older configurations named the send log's database by its linq2db provider name; still accepted.
    private static readonly Dictionary<string, SqlProvider> LinqToDbNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [ProviderName.SQLiteMS] = SqlProvider.Sqlite,
        [ProviderName.PostgreSQL15] = SqlProvider.PostgreSql,
        [ProviderName.SqlServer2022] = SqlProvider.SqlServer,
    };

    /// <summary>The documented names: <c>Sqlite</c>, <c>PostgreSql</c>, <c>SqlServer</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<SqlProvider>();

    /// <summary>
    /// The provider named by <paramref name="value"/>: one of <see cref="Names"/> in any case, or the
    /// linq2db name it maps to (<c>SQLite.MS</c>, <c>PostgreSQL.15</c>, <c>SqlServer.2022</c>); else <c>null</c>.
    /// </summary>
    public static SqlProvider? Parse(string? value)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var provider in Enum.GetValues<SqlProvider>())
        {
            if (string.Equals(provider.ToString(), name, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        return LinqToDbNames.TryGetValue(name, out var aliased) ? aliased : null;
    }

    /// <summary>The linq2db provider name (SQL dialect and driver) of <paramref name="provider"/>.</summary>
    public static string LinqToDbName(SqlProvider provider) => provider switch
    {
        SqlProvider.Sqlite => ProviderName.SQLiteMS,
        SqlProvider.PostgreSql => ProviderName.PostgreSQL15,
        SqlProvider.SqlServer => ProviderName.SqlServer2022,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// linq2db options for the database: SQLite connections get their PRAGMAs
    /// (<see cref="SqlitePragmas"/>) and the folder of the database file is created.
    /// </summary>
    public static DataOptions DataOptions(SqlProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new DataOptions().UseConnectionString(LinqToDbName(provider), connectionString);
        if (provider != SqlProvider.Sqlite)
        {
            return options;
        }

        EnsureSqliteFolder(connectionString);
        return options.UseInterceptor(new SqlitePragmas());
    }

    /// <summary>The file a SQLite connection string opens, as a full path; <c>null</c> for in-memory and URI forms.</summary>
    public static string? SqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(dataSource);
    }

    // SQLite creates the file but not its folder. A folder that cannot be made is left to the first
    // open, whose failure the start-up check reports with the key.
    private static void EnsureSqliteFolder(string connectionString)
    {
        var folder = Path.GetDirectoryName(SqliteFile(connectionString));
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
