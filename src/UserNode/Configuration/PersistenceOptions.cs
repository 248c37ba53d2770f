namespace SignupEmail.UserNode.Configuration;

/// <summary>Where the journal and snapshots live (<c>UserNode:Persistence</c>).</summary>
public sealed class PersistenceOptions
{
    /// <summary><c>Sqlite</c> (default), <c>PostgreSql</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>ADO.NET connection string of the provider. SQLite's default is a file under <c>./data</c>.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/user-node.db";
}
