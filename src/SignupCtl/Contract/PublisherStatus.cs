namespace SignupEmail.SignupCtl.Contract;

/// <summary><c>GET /admin/publisher</c>: the journal publisher singleton and where it runs.</summary>
internal sealed record PublisherStatus(
    string Address,
    bool Running,
    long CommittedOrdering,
    int InFlight,
    int OpenGaps,
    TimeSpan WaitingForKafka,
    int Held,
    long? FirstHeld);
