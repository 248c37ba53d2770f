namespace SignupEmail.Dashboard.Actions;

/// <summary>How a broker stop or start went.</summary>
public enum BrokerChange
{
    /// <summary>Done (or nothing to do: the broker was already in that state).</summary>
    Done,

    /// <summary>No broker has that id.</summary>
    UnknownBroker,

    /// <summary>Refused: stopping it would leave no broker up.</summary>
    LastBrokerUp,
}
