using Microsoft.Extensions.Hosting;

namespace SignupEmail.DevHost;

/// <summary>
/// Replaces the console lifetime of a node hosted by the launcher. Each node's own console lifetime
/// would react to Ctrl+C/SIGTERM by itself, stopping both nodes at once and in no order; the
/// launcher handles the signals instead and stops the User node before the Email node.
/// </summary>
internal sealed class LauncherControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
