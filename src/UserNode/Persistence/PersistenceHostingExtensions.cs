using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using SignupEmail.Shared.Sql;
using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Persistence;

/// <summary>The journal and snapshot store of the user entities, on the configured database.</summary>
public static class PersistenceHostingExtensions
{
    /// <summary>
    /// Akka.Persistence.Sql as the default journal and snapshot store, tables created on start.
    /// SQLite connections get their PRAGMAs.
    /// </summary>
    /// <remarks>
    /// Events are not tagged: the publisher reads the journal by ordering and keeps only user
    /// entities' <c>UserRegistered</c> events, so nothing reads tags. Tags in the journal row's own
    /// column (<c>Csv</c>) rather than the default tag table keep the journal from creating that table
    /// and from writing a second row per event. A database from before this change keeps its
    /// <c>tags</c> table, no longer written or read; <c>DROP TABLE tags</c> removes it.
    /// </remarks>
    public static AkkaConfigurationBuilder WithUserJournal(this AkkaConfigurationBuilder builder, PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var providerName = SqlProviders.LinqToDbName(ParseProvider(options));
        var dataOptions = DataOptionsFor(options);

        var journal = new SqlJournalOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.ConnectionString,
            ProviderName = providerName,
            DataOptions = dataOptions,
            AutoInitialize = true,
            TagStorageMode = TagMode.Csv,
        };
        var snapshots = new SqlSnapshotOptions(isDefaultPlugin: true)
        {
            ConnectionString = options.ConnectionString,
            ProviderName = providerName,
            DataOptions = dataOptions,
            AutoInitialize = true,
        };

        // Started with the node rather than by the first signup: a plugin initializes (creates its tables)
        // when it starts and retries that with two error lines and stack traces per try, so a lazily
        // started snapshot store that met a database gone since the start logged ~3 000 lines a minute.
        return builder.WithSqlPersistence(journal, snapshots)
            .AddHocon(
                $$"""
                akka.persistence.journal.auto-start-journals = ["{{journal.PluginId}}"]
                akka.persistence.snapshot-store.auto-start-snapshot-stores = ["{{snapshots.PluginId}}"]
                """,
                HoconAddMode.Prepend);
    }

    /// <summary>
    /// linq2db options for the configured database, as the journal uses them (SQLite connections get
    /// their PRAGMAs); for other readers of the same database, such as the publisher.
    /// </summary>
    public static DataOptions DataOptionsFor(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SqlProviders.DataOptions(ParseProvider(options), options.ConnectionString);
    }

    /// <summary>The configured database as a probe: does it answer, and if not, why.</summary>
    public static SqlDatabaseProbe ProbeFor(PersistenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqlDatabaseProbe(ParseProvider(options), options.ConnectionString);
    }

    private static SqlProvider ParseProvider(PersistenceOptions options) =>
        SqlProviders.Parse(options.Provider)
        ?? throw new InvalidOperationException($"{UserNodeOptions.Section}:Persistence:Provider '{options.Provider}' is not supported.");
}
