using System.Data.Common;

namespace SignupEmail.Signup.Bench.Databases;

/// <summary>A fresh, empty database for one scenario, removed when disposed.</summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    /// <summary><c>sqlite</c> or <c>postgres</c>: the name the report uses.</summary>
    public abstract string Kind { get; }

    /// <summary>The node's <c>UserNode:Persistence:Provider</c> value.</summary>
    public abstract string NodeProvider { get; }

    public abstract string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string kind, BenchOptions options) => kind switch
    {
        "sqlite" => SqliteBenchDatabase.Create(),
        "postgres" => await PostgresBenchDatabase.CreateAsync(options.PostgresConnectionString!),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public abstract DbConnection OpenConnection();

    /// <summary>A single number from <paramref name="sql"/> (a count).</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // bench-internal constant queries
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public abstract ValueTask DisposeAsync();
}
