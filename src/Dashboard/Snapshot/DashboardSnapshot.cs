using SignupEmail.Dashboard.Actions;
using SignupEmail.Dashboard.Sources;

namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// Everything the page shows, built once per refresh and shared by every browser. A section is null
/// when its source failed this refresh; <see cref="Errors"/> says why.
/// </summary>
public sealed record DashboardSnapshot(
    DateTimeOffset At,
    bool Experiments,
    int CalmRate,
    KafkaSection? Kafka,
    GroupSection? Group,
    FlowSection? Flow,
    IReadOnlyList<DeadLetterRow>? DeadLetters,
    UserClusterSection? UserCluster,
    ActionsSection? Actions,
    IReadOnlyList<SourceError> Errors);
