using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Dsl;

/// <summary>
/// A consumer's <see cref="IControl"/> together with the completion of the stream it feeds (usually
/// the committer sink's task), so that <see cref="DrainAndShutdown()"/> needs no arguments. Build it
/// with <c>.ToMaterialized(Committer.Sink(…), DrainingControl&lt;Done&gt;.Create)</c>.
/// </summary>
/// <typeparam name="T">The stream's result type.</typeparam>
public sealed class DrainingControl<T> : IControl
{
    private readonly IControl _control;

    private DrainingControl(IControl control, Task<T> streamCompletion)
    {
        _control = control;
        StreamCompletion = streamCompletion;
    }

    /// <summary>Completes when the stream completes; faults when it fails.</summary>
    public Task<T> StreamCompletion { get; }

    /// <inheritdoc />
    public Task IsShutdown => _control.IsShutdown;

    /// <inheritdoc />
    public IReadOnlyCollection<TopicPartition> AssignedPartitions => _control.AssignedPartitions;

    /// <summary>Pairs a control with a stream completion (fits <c>ToMaterialized</c>'s combine function).</summary>
    public static DrainingControl<T> Create(IControl control, Task<T> streamCompletion)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(streamCompletion);
        return new DrainingControl<T>(control, streamCompletion);
    }

    /// <summary><see cref="IControl.DrainAndShutdown{TResult}"/> for this control's own stream.</summary>
    public Task<T> DrainAndShutdown() => _control.DrainAndShutdown(StreamCompletion);

    /// <inheritdoc />
    public Task<TResult> DrainAndShutdown<TResult>(Task<TResult> streamCompletion) => _control.DrainAndShutdown(streamCompletion);

    /// <inheritdoc />
    public Task Stop() => _control.Stop();

    /// <inheritdoc />
    public Task Shutdown() => _control.Shutdown();

    /// <inheritdoc />
    public Task<IReadOnlyList<PartitionLag>> GetPartitionLagAsync(CancellationToken cancellationToken = default) =>
        _control.GetPartitionLagAsync(cancellationToken);
}
