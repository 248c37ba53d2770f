using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Diagnostics;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// The Email node's spans inside a record's <c>process</c> span (render, deliver, send log), and
/// the <c>dead-letter</c> span: a trace of its own, linked to the record's original trace, whose
/// context the dead-letter record carries.
/// </summary>
internal static class EmailPipelineTelemetry
{
    /// <summary>Activity source name, under the node's <c>SignupEmail.EmailNode.*</c>.</summary>
    public const string SourceName = "SignupEmail.EmailNode.Consuming";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A child of the current span (the record's <c>process</c> span); <c>null</c> when not traced.</summary>
    public static Activity? Start(string name) => Source.StartActivity(name, ActivityKind.Internal);

    /// <summary>Marks <paramref name="activity"/> failed by <paramref name="error"/>.</summary>
    public static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
        activity.SetTag("error.type", error.GetType().FullName);
    }

    /// <summary>
    /// Records the decision to dead-letter <paramref name="original"/> as a span linked to its
    /// trace, and points <paramref name="deadLetter"/>'s <c>traceparent</c> at it: the dead-letter
    /// record's <c>send</c> span and a later replay continue from here, not from the failed trace.
    /// </summary>
    public static void DeadLettered(ConsumeResult<byte[], byte[]> original, Message<byte[], byte[]> deadLetter, string deadLetterTopic, string failureType)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var originalContext = KafkaTelemetry.TraceContextOf(original.Message?.Headers);
        ActivityLink[]? links = originalContext == default ? null : [new ActivityLink(originalContext)];
        var current = Activity.Current;
        Activity.Current = null; // a trace of its own, not a child of whatever runs on this thread
        var activity = Source.StartActivity($"dead-letter {original.Topic}", ActivityKind.Internal, default(ActivityContext), links: links);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", deadLetterTopic);
            activity.SetTag("signupemail.dead_letter.original_partition", original.Partition.Value);
            activity.SetTag("signupemail.dead_letter.original_offset", original.Offset.Value);
            activity.SetTag("error.type", failureType);
            deadLetter.Headers ??= [];
            deadLetter.Headers.Remove(KafkaTelemetry.TraceParentHeader);
            deadLetter.Headers.Add(KafkaTelemetry.TraceParentHeader, Encoding.ASCII.GetBytes(activity.Id!));
        }

        activity?.Stop();
        Activity.Current = current;
    }
}
