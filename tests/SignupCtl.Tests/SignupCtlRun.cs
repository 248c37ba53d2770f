using SignupEmail.SignupCtl.Connection;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace SignupEmail.SignupCtl.Tests;

/// <summary>
/// signupctl run in-process on a test console (wide, so tables are not wrapped) against
/// <paramref name="Handler"/>, with the given environment variables; arguments go through the same
/// rearranging as the real program's.
/// </summary>
public sealed record SignupCtlRun(HttpMessageHandler Handler, IReadOnlyDictionary<string, string>? Environment = null)
{
    public const string Key = "test-admin-key-0123456789";

    /// <summary>Runs with <see cref="Key"/> in <c>SIGNUPCTL_KEY</c> unless the environment says otherwise.</summary>
    public static SignupCtlRun Against(HttpMessageHandler handler) =>
        new(handler, new Dictionary<string, string> { [NodeKind.KeyVariable] = Key });

    public Task<SignupCtlResult> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Runs until done or <paramref name="cancellation"/> (what Ctrl+C does to the real program).</summary>
    public async Task<SignupCtlResult> RunAsync(CancellationToken cancellation, params string[] args)
    {
        using var clients = new AdminClients(Handler, EnvironmentVariables.Of(Environment ?? new Dictionary<string, string>()));
        var errors = new StringWriter();
        var console = new TestConsole().Width(250);
        var tester = new CommandAppTester(registrar: null, settings: new CommandAppTesterSettings { TrimConsoleOutput = true }, console: console);
        tester.Configure(config => SignupCtlApp.Configure(config, clients, errors));
        var result = await tester.RunAsync([.. SignupCtlApp.WithLeadingOptionsLast(args)], cancellation);
        return new SignupCtlResult(result.ExitCode, result.Output, errors.ToString().TrimEnd());
    }
}

/// <summary>What a signupctl run printed and how it ended.</summary>
public sealed record SignupCtlResult(int ExitCode, string Output, string Errors)
{
    public string[] OutputLines => Output.Split('\n');

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- errors\n{Errors}";
}
