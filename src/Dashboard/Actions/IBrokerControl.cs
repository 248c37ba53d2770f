namespace SignupEmail.Dashboard.Actions;

/// <summary>
/// Stops and starts brokers of a Kafka cluster the process owns. Only the embedded launcher registers
/// one (over its mock cluster); without it the broker actions answer 404.
/// </summary>
public interface IBrokerControl
{
    /// <summary>The brokers' ids.</summary>
    IReadOnlyList<int> BrokerIds { get; }

    /// <summary>The brokers stopped through this control, in id order.</summary>
    IReadOnlyList<int> Down { get; }

    /// <summary>
    /// Stops a broker and moves the leadership of every partition it leads (and the group coordinator,
    /// if it is there) to a broker that is up, as a real cluster's controller would.
    /// </summary>
    Task<BrokerChange> StopAsync(int brokerId, CancellationToken cancellationToken);

    /// <summary>Lets a stopped broker accept connections again; leaders stay where they moved.</summary>
    Task<BrokerChange> StartAsync(int brokerId, CancellationToken cancellationToken);
}
