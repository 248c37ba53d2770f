using System.Threading.Channels;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>One stream's place in the refresher's fan-out; dispose it when the stream ends.</summary>
internal sealed class SnapshotSubscription(ChannelReader<PublishedSnapshot> events, Action unsubscribe) : IDisposable
{
    public ChannelReader<PublishedSnapshot> Events { get; } = events;

    public void Dispose() => unsubscribe();
}
