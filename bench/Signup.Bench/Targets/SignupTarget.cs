using SignupEmail.Signup.Bench.Databases;

namespace SignupEmail.Signup.Bench.Targets;

/// <summary>A server that takes <c>POST /api/users</c>: the User node or the baseline.</summary>
internal abstract class SignupTarget
{
    /// <summary><c>node</c> or <c>baseline</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Counts the signups the server stored in <see cref="BenchDatabase"/> (one row or event each).</summary>
    public abstract string StoredSignupsSql { get; }

    /// <summary>Starts the server on a free loopback port over <paramref name="database"/> and waits until it takes signups.</summary>
    public abstract Task<ServerProcess> StartAsync(BenchDatabase database, int hashIterations, string logDirectory, HttpClient probe);
}
