using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Microsoft.Data.Sqlite;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Persistence;

/// <summary>The journal and snapshot store of the user entities, on the configured database.</summary>
public static class PersistenceHostingExtensions
{
    /// <summary>linq2db provider name of each supported database.</summary>
    public static string ProviderName(PersistenceProvider provider) => provider switch
    {
        PersistenceProvider.Sqlite => LinqToDB.ProviderName.SQLiteMS,
        PersistenceProvider.PostgreSql => LinqToDB.ProviderName.PostgreSQL15,
        PersistenceProvider.SqlServer => LinqToDB.ProviderName.SqlServer2022,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>
    /// Akka.Persistence.Sql as the default journal and snapshot store, tables created on start,
    /// <see cref="UserRegistered"/> tagged for the publisher. SQLite connections get their PRAGMAs.
    /// </summary>
    public static AkkaConfigurationBuilder WithUserJournal(this AkkaConfigurationBuilder builder, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var providerName = ProviderName(ParseProvider(options));
        var dataOptions = DataOptionsFor(options);

        var journal = new SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.ConnectionString,
            ProviderName = providerName,
            DataOptions = dataOptions,
            AutoInitialize = true,
        };
        var snapshots = new SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.ConnectionString,
            ProviderName = providerName,
            DataOptions = dataOptions,
            AutoInitialize = true,
        };

        return builder.WithSqlPersistence(
            journal,
            snapshots,
            journalBuilder: adapters => adapters.AddWriteEventAdapter<UserEventTagger>("user-tagger", [typeof(UserRegistered)]));
    }

    /// <summary>
    /// linq2db options for the configured database, as the journal uses them (SQLite connections get
    /// their PRAGMAs); for other readers of the same database, such as the publisher.
    /// </summary>
    public static DataOptions DataOptionsFor(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = ParseProvider(options);
        var dataOptions = new DataOptions().UseConnectionString(ProviderName(provider), options.ConnectionString);
        if (provider == PersistenceProvider.Sqlite)
        {
            EnsureSqliteDirectory(options.ConnectionString);
            dataOptions = dataOptions.UseInterceptor(new SqlitePragmas());
        }

        return dataOptions;
    }

    private static PersistenceProvider ParseProvider(PersistenceOptions options) =>
        UserNodeOptionsValidator.ParseProvider(options.Provider)
        ?? throw new InvalidOperationException($"{UserNodeOptions.Section}:Persistence:Provider '{options.Provider}' is not supported.");

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
