using Akka.Actor;

namespace SignupEmail.UserNode.Admin;

/// <summary>
/// An ask that also returns who answered. A plain <c>Ask</c> drops the reply's sender; through a
/// cluster singleton's proxy that sender is the singleton itself, and its address is where it runs.
/// </summary>
internal static class AskWithReplier
{
    /// <summary>
    /// Sends <paramref name="question"/> to <paramref name="target"/> and waits for a <typeparamref name="TReply"/>;
    /// <see cref="AskTimeoutException"/> when none comes within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(TReply Reply, IActorRef Replier)> AskWithReplierAsync<TReply>(
        this IActorRefFactory actors, IActorRef target, object question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actors);
        var answer = new TaskCompletionSource<(object Reply, IActorRef Replier)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var asker = actors.ActorOf(Props.Create(() => new Asker(target, question, timeout, answer)));
        await using var cancel = cancellationToken.Register(() =>
        {
            if (answer.TrySetCanceled(cancellationToken))
            {
                asker.Tell(PoisonPill.Instance);
            }
        });
        var (reply, replier) = await answer.Task;
        return reply is TReply typed
            ? (typed, replier)
            : throw new InvalidOperationException($"{target.Path} answered {reply.GetType().Name}, not {typeof(TReply).Name}.");
    }

    // Lives for one question: sends it as itself, so the reply comes back here with its sender.
    private sealed class Asker : ReceiveActor
    {
        public Asker(IActorRef target, object question, TimeSpan timeout, TaskCompletionSource<(object, IActorRef)> answer)
        {
            Receive<ReceiveTimeout>(_ =>
            {
                answer.TrySetException(new AskTimeoutException($"{target.Path} did not answer within {timeout}."));
                Context.Stop(Self);
            });
            ReceiveAny(reply =>
            {
                answer.TrySetResult((reply, Sender));
                Context.Stop(Self);
            });
            Context.SetReceiveTimeout(timeout);
            target.Tell(question, Self);
        }
    }
}
