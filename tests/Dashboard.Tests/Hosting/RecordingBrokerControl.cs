using SignupEmail.Dashboard.Actions;

namespace SignupEmail.Dashboard.Tests.Hosting;

/// <summary>An <see cref="IBrokerControl"/> over three imaginary brokers (the real one, over the embedded cluster, is tested in DevHost.Tests).</summary>
internal sealed class RecordingBrokerControl : IBrokerControl
{
    private readonly SortedSet<int> _down = [];

    public IReadOnlyList<int> BrokerIds { get; } = [1, 2, 3];

    public IReadOnlyList<int> Down
    {
        get
        {
            lock (_down)
            {
                return [.. _down];
            }
        }
    }

    public Task<BrokerChange> StopAsync(int brokerId, CancellationToken cancellationToken)
    {
        lock (_down)
        {
            if (!BrokerIds.Contains(brokerId))
            {
                return Task.FromResult(BrokerChange.UnknownBroker);
            }

            if (!_down.Contains(brokerId) && _down.Count == BrokerIds.Count - 1)
            {
                return Task.FromResult(BrokerChange.LastBrokerUp);
            }

            _down.Add(brokerId);
            return Task.FromResult(BrokerChange.Done);
        }
    }

    public Task<BrokerChange> StartAsync(int brokerId, CancellationToken cancellationToken)
    {
        lock (_down)
        {
            if (!BrokerIds.Contains(brokerId))
            {
                return Task.FromResult(BrokerChange.UnknownBroker);
            }

            _down.Remove(brokerId);
            return Task.FromResult(BrokerChange.Done);
        }
    }
}
