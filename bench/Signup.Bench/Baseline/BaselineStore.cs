using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using SignupEmail.Shared.Sql;

namespace SignupEmail.Signup.Bench.Baseline;

/// <summary>
/// A plain <c>users</c> table with a unique normalized address: one INSERT per signup through the
/// same ADO.NET provider the node's journal uses, a pooled connection per request.
/// </summary>
internal sealed class BaselineStore
{
    private const string Insert =
        "INSERT INTO users (user_id, email, normalized_email, name, locale, password_hash, registered_at) " +
        "VALUES (@user_id, @email, @normalized_email, @name, @locale, @password_hash, @registered_at)";

    private readonly bool _sqlite;
    private readonly string _connectionString;

    public BaselineStore(string provider, string connectionString)
    {
        _sqlite = provider switch
        {
            "sqlite" => true,
            "postgres" => false,
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
        };
        _connectionString = connectionString;
    }

    public async Task CreateTableAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = _sqlite
            ? """
              CREATE TABLE IF NOT EXISTS users (
                user_id TEXT NOT NULL PRIMARY KEY, email TEXT NOT NULL, normalized_email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL, locale TEXT NOT NULL, password_hash TEXT NOT NULL, registered_at INTEGER NOT NULL)
              """
            : """
              CREATE TABLE IF NOT EXISTS users (
                user_id uuid NOT NULL PRIMARY KEY, email text NOT NULL, normalized_email text NOT NULL UNIQUE,
                name text NOT NULL, locale text NOT NULL, password_hash text NOT NULL, registered_at timestamptz NOT NULL)
              """;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts <paramref name="user"/>; <c>false</c> if the address is taken.</summary>
    public async Task<bool> TryInsertAsync(BaselineUser user, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Insert;
        Add(command, "user_id", _sqlite ? user.UserId : Guid.Parse(user.UserId));
        Add(command, "email", user.Email);
        Add(command, "normalized_email", user.NormalizedEmail);
        Add(command, "name", user.Name);
        Add(command, "locale", user.Locale);
        Add(command, "password_hash", user.PasswordHash);
        Add(command, "registered_at", _sqlite ? user.RegisteredAt.ToUnixTimeMilliseconds() : user.RegisteredAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT
        {
            return false;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = _sqlite ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (_sqlite)
            {
                await using var pragmas = connection.CreateCommand();
                // The node's own PRAGMAs: the baseline must not win by skipping them, nor lose by
                // colliding writers sleeping without a busy timeout.
                pragmas.CommandText = SqlitePragmas.Statements;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
