using SignupEmail.SignupCtl;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends a watch (or a call) cleanly; a second one kills the process as usual.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
using var clients = new AdminClients(handler, EnvironmentVariables.Process);
var app = new CommandApp();
app.Configure(config =>
{
    config.ConfigureConsole(SignupCtlApp.Console());
    SignupCtlApp.Configure(config, clients, Console.Error);
});
return await app.RunAsync(SignupCtlApp.WithLeadingOptionsLast(args), cancel.Token);
