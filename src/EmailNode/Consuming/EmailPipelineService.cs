using Microsoft.Extensions.Options;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Starts the pipeline once the actor system and the send log are up, and drains it when the host
/// stops (before the actor system goes: hosted services stop in reverse order).
/// </summary>
/// <param name="pipeline">The pipeline.</param>
/// <param name="options">Whether consuming is enabled.</param>
public sealed class EmailPipelineService(EmailPipeline pipeline, IOptions<ConsumingOptions> options) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            pipeline.Start();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? pipeline.DrainAsync().WaitAsync(cancellationToken) : Task.CompletedTask;
}
