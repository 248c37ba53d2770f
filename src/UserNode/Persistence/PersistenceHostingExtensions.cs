using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using SignupEmail.Shared.Sql;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Users.Messages;

namespace SignupEmail.UserNode.Persistence;

/// <summary>The journal and snapshot store of the user entities, on the configured database.</summary>
public static class PersistenceHostingExtensions
{
    /// <summary>
    /// Akka.Persistence.Sql as the default journal and snapshot store, tables created on start,
    /// <see cref="UserRegistered"/> tagged for the publisher. SQLite connections get their PRAGMAs.
    /// </summary>
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
