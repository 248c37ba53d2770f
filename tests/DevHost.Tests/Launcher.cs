using SignupEmail.Testing;

namespace SignupEmail.DevHost.Tests;

/// <summary>The launcher (built next to the tests) as a child process, run the way a user runs it.</summary>
internal static class Launcher
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "SignupEmail.DevHost.dll");

    /// <summary>
    /// Starts the launcher in <paramref name="workingDirectory"/> (its <c>./data</c> lands there) with
    /// extra environment variables.
    /// </summary>
    public static ChildProcess Start(
        IReadOnlyList<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ChildProcess.Start("launcher", Dll, args, environment, workingDirectory ?? AppContext.BaseDirectory);
}
