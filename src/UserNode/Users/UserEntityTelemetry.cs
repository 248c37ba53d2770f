using System.Diagnostics;

namespace SignupEmail.UserNode.Users;

/// <summary>
/// The <c>persist</c> span of a signup: from the entity taking the command to the journal's
/// acknowledgement, a child of the signup request (the command carries its <c>traceparent</c>); the
/// entity's log lines about the write are written inside it.
/// </summary>
internal static class UserEntityTelemetry
{
    /// <summary>Activity source name, under the node's <c>SignupEmail.UserNode.*</c>.</summary>
    public const string SourceName = "SignupEmail.UserNode.Users";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts the span without making it current: the actor's thread runs other entities next. When
    /// nobody records spans (telemetry off) but the command carries a trace, it is an unrecorded
    /// activity in that trace all the same, so the entity's log lines still carry its ids.
    /// </summary>
    public static Activity? StartPersist(string? traceParent, string persistenceId)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        var current = Activity.Current;
        var activity = Source.HasListeners() ? Source.StartActivity("persist UserRegistered", ActivityKind.Internal, parent) : null;
        if (activity is null && parent != default)
        {
            activity = new Activity("persist UserRegistered").SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start();
        }

        Activity.Current = current;
        activity?.SetTag("signupemail.persistence_id", persistenceId);
        return activity;
    }

    /// <summary>
    /// Writes <paramref name="log"/> inside <paramref name="activity"/>'s trace: current while the line is
    /// written, so its log scopes (ActivityTrackingOptions) and OpenTelemetry log record carry the trace
    /// and span ids, then the thread's own again.
    /// </summary>
    public static void Within(Activity? activity, Action log)
    {
        if (activity is null)
        {
            log();
            return;
        }

        var current = Activity.Current;
        Activity.Current = activity;
        try
        {
            log();
        }
        finally
        {
            Activity.Current = current;
        }
    }

    /// <summary>Ends the span, as an error when <paramref name="failure"/> is set.</summary>
    public static void Stop(Activity? activity, string? failure = null)
    {
        if (activity is null)
        {
            return;
        }

        if (failure is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure);
        }

        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }
}
