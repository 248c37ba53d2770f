using SignupEmail.UserNode.Configuration;

namespace SignupEmail.UserNode.Publishing;

/// <summary>What one publisher does, from <see cref="PublishingOptions"/>.</summary>
/// <param name="PublisherId">Key of the durable offset; one publisher per journal and topic.</param>
/// <param name="Topic">Target topic.</param>
/// <param name="CloudEventsSource">CloudEvents source of the records.</param>
/// <param name="Partitioning">Key hash or round robin.</param>
/// <param name="FallbackPollInterval">Poll interval when no wake-up comes.</param>
/// <param name="GapTimeout">How long a gap in the orderings is waited for.</param>
/// <param name="BatchSize">Rows per query.</param>
/// <param name="MaxInFlight">Unacknowledged records before reading stops.</param>
/// <param name="OffsetSaveInterval">How often the offset is stored.</param>
internal sealed record JournalPublisherSettings(
    string PublisherId,
    string Topic,
    string CloudEventsSource,
    PublishingPartitioning Partitioning,
    TimeSpan FallbackPollInterval,
    TimeSpan GapTimeout,
    int BatchSize,
    int MaxInFlight,
    TimeSpan OffsetSaveInterval)
{
    public static JournalPublisherSettings From(PublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JournalPublisherSettings(
            PublisherId: "user-signed-up:" + options.Topic,
            options.Topic,
            options.CloudEventsSource,
            UserNodeOptionsValidator.ParsePartitioning(options.Partitioning) ?? PublishingPartitioning.KeyHash,
            options.FallbackPollInterval,
            options.GapTimeout,
            options.BatchSize,
            options.MaxInFlight,
            options.OffsetSaveInterval);
    }
}
