using Microsoft.Extensions.Options;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Starts the pipeline once the actor system and the send log are up, and drains it when the host
/// stops (before the actor system goes: hosted services stop in reverse order). Before it starts,
/// <see cref="KafkaStartupCheck"/> makes the start fail when the cluster does not answer or a topic
/// is missing, so the node never reports itself ready while consuming nothing.
/// </summary>
/// <param name="pipeline">The pipeline.</param>
/// <param name="check">The start-up check of the cluster and the topics.</param>
/// <param name="options">Whether consuming is enabled.</param>
public sealed class EmailPipelineService(EmailPipeline pipeline, KafkaStartupCheck check, IOptions<ConsumingOptions> options) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await check.RunAsync(cancellationToken);
            pipeline.Start();
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? pipeline.DrainAsync().WaitAsync(cancellationToken) : Task.CompletedTask;
}
