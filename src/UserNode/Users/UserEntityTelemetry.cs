using System.Diagnostics;

namespace SignupEmail.UserNode.Users;

/// <summary>
/// The <c>persist</c> span of a signup: from the entity taking the command to the journal's
/// acknowledgement, a child of the signup request (the command carries its <c>traceparent</c>).
/// </summary>
internal static class UserEntityTelemetry
{
    /// <summary>Activity source name, under the node's <c>SignupEmail.UserNode.*</c>.</summary>
    public const string SourceName = "SignupEmail.UserNode.Users";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span without making it current: the actor's thread runs other entities next.</summary>
    public static Activity? StartPersist(string? traceParent, string persistenceId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;
        var current = Activity.Current;
        var activity = Source.StartActivity("persist UserRegistered", ActivityKind.Internal, parent);
        Activity.Current = current;
        activity?.SetTag("signupemail.persistence_id", persistenceId);
        return activity;
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
