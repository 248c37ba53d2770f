using SignupEmail.SignupCtl.Contract;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>The Email node's admin API (docs/admin-api.md, "Email node").</summary>
internal sealed class EmailNodeClient(AdminHttp http)
{
    /// <summary>Most records one dead-letter page may ask for.</summary>
    public const int MaxPageSize = 1000;

    public Task<AdminAnswer<NodeInfo>> NodeAsync(CancellationToken cancellationToken) =>
        http.GetAsync<NodeInfo>("admin/node", cancellationToken);

    public Task<AdminAnswer<KafkaTopics>> TopicsAsync(CancellationToken cancellationToken) =>
        http.GetAsync<KafkaTopics>("admin/kafka/topics", cancellationToken);

    public Task<AdminAnswer<ConsumerLag>> LagAsync(CancellationToken cancellationToken) =>
        http.GetAsync<ConsumerLag>("admin/kafka/lag", cancellationToken);

    /// <summary>The first page of dead letters: at most <paramref name="limit"/>, of one partition or all.</summary>
    public Task<AdminAnswer<DeadLetterPage>> DeadLettersAsync(int? partition, int limit, CancellationToken cancellationToken)
    {
        var query = $"limit={Math.Clamp(limit, 1, MaxPageSize)}" + (partition is { } p ? $"&partition={p}" : string.Empty);
        return http.GetAsync<DeadLetterPage>($"admin/dead-letters?{query}", cancellationToken);
    }

    /// <summary>The page a previous page's <c>next</c> names, followed as it is.</summary>
    public Task<AdminAnswer<DeadLetterPage>> NextDeadLettersAsync(string next, CancellationToken cancellationToken) =>
        http.GetAsync<DeadLetterPage>(next, cancellationToken);

    public Task<AdminAnswer<ReplayResult>> ReplayAsync(ReplaySelection selection, CancellationToken cancellationToken) =>
        http.PostAsync<ReplayResult>("admin/dead-letters/replay", selection, cancellationToken);

    public Task<AdminAnswer<MailLog>> MailByEmailAsync(string email, CancellationToken cancellationToken) =>
        http.GetAsync<MailLog>($"admin/mail?email={Uri.EscapeDataString(email)}", cancellationToken);

    public Task<AdminAnswer<MailLog>> MailByEventAsync(Guid eventId, CancellationToken cancellationToken) =>
        http.GetAsync<MailLog>($"admin/mail?eventId={eventId}", cancellationToken);
}
