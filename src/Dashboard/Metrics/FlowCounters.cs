namespace SignupEmail.Dashboard.Metrics;

/// <summary>
/// The counters the flow panel is made of, read from the User node's and every Email node's
/// <c>/metrics</c> at one moment (the names as the nodes' Prometheus exporter writes them).
/// </summary>
internal sealed record FlowCounters(
    double Created, double Conflict, double Invalid, double RateLimited, double Unavailable,
    double Published, double EmailsSent, double DeadLetters)
{
    public const string SignupsMetric = "signupemail_signups_total";
    public const string SignupOutcomeLabel = "signupemail_signup_outcome";
    public const string PublishedMetric = "signupemail_publish_delay_seconds_count";
    public const string HandledMetric = "signupemail_records_handled_total";
    public const string HandledOutcomeLabel = "signupemail_record_outcome";
    public const string DeadLettersMetric = "signupemail_dead_letters_written_total";

    /// <summary>Sums the counters over the User node's samples and every Email node's samples.</summary>
    public static FlowCounters From(IReadOnlyList<PrometheusSample> userNode, IEnumerable<IReadOnlyList<PrometheusSample>> emailNodes)
    {
        ArgumentNullException.ThrowIfNull(userNode);
        ArgumentNullException.ThrowIfNull(emailNodes);
        var email = emailNodes.SelectMany(samples => samples).ToList();
        return new FlowCounters(
            Signups(userNode, "created"),
            Signups(userNode, "conflict"),
            Signups(userNode, "invalid"),
            Signups(userNode, "rate_limited"),
            Signups(userNode, "unavailable"),
            Sum(userNode, PublishedMetric),
            Sum(email, HandledMetric, HandledOutcomeLabel, "sent"),
            Sum(email, DeadLettersMetric));
    }

    private static double Signups(IReadOnlyList<PrometheusSample> samples, string outcome) =>
        Sum(samples, SignupsMetric, SignupOutcomeLabel, outcome);

    private static double Sum(IEnumerable<PrometheusSample> samples, string metric, string? label = null, string? value = null) =>
        samples.Where(s => s.Name == metric && (label is null || s.Has(label, value!))).Sum(s => s.Value);
}
