using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting;

namespace SignupEmail.Shared.Tests;

public sealed class NodeProcessSpec
{
    [Fact]
    public async Task A_host_that_cannot_be_built_ends_with_exit_code_one_and_every_key_on_its_own_line()
    {
        var errors = new StringWriter();

        var exitCode = await NodeProcess.RunAsync(
            "The test node",
            () => throw new OptionsValidationException("Test", typeof(object), ["Test:Port: must be 1-65535.", "Test:Host: is required."]),
            errors);

        Assert.Equal(NodeProcess.StartFailedExitCode, exitCode);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["The test node did not start:", "  Test:Port: must be 1-65535.", "  Test:Host: is required."], lines);
    }

    [Fact]
    public async Task A_host_that_fails_to_start_ends_with_exit_code_one_and_the_reasons_inside_the_wrappers()
    {
        var errors = new StringWriter();
        using var host = new FailingHost(new AggregateException(
            new InvalidOperationException("Could not open the send log.", new IOException("disk full"))));

        var exitCode = await NodeProcess.RunAsync("The test node", () => host, errors);

        Assert.Equal(NodeProcess.StartFailedExitCode, exitCode);
        Assert.Contains("  Could not open the send log.", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("  disk full", errors.ToString(), StringComparison.Ordinal);
        Assert.True(host.Disposed);
    }

    [Fact]
    public async Task The_way_WebApplicationFactory_ends_Main_early_is_not_reported_as_a_failure()
    {
        var errors = new StringWriter();

        await Assert.ThrowsAsync<HostAbortedException>(() =>
            NodeProcess.RunAsync("The test node", () => throw new HostAbortedException(), errors));

        Assert.Empty(errors.ToString());
    }

    private sealed class FailingHost(Exception failure) : IHost
    {
        public bool Disposed { get; private set; }

        public IServiceProvider Services => throw new NotSupportedException();

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.FromException(failure);

        public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Dispose() => Disposed = true;
    }
}
