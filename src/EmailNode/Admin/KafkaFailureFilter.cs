using Confluent.Kafka;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.DeadLetters;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// Turns the failures of an admin call's Kafka requests into problems instead of 500s: an unreachable
/// or failing cluster into 503 with <c>Retry-After</c>, a dead-letter partition that does not exist
/// into 400 naming <c>partition</c>. Running out of Email:Admin:RequestTimeout is answered by the
/// request timeout policy (see <see cref="AdminServiceCollectionExtensions"/>).
/// </summary>
/// <param name="options">The request timeout, for <c>Retry-After</c>.</param>
public sealed class KafkaFailureFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (DeadLetterPartitionNotFoundException ex)
        {
            return AdminProblems.Invalid("partition", ex.Message);
        }
        catch (KafkaException ex)
        {
            // The error code only: librdkafka's reasons name broker addresses.
            return AdminProblems.KafkaUnavailable(
                context.HttpContext, options.Value, $"A Kafka request failed ({ex.Error.Code}). Retry after the time given in Retry-After; a replay is safe to repeat.");
        }
        catch (TimeoutException)
        {
            return AdminProblems.KafkaUnavailable(context.HttpContext, options.Value, AdminProblems.TimedOut(options.Value));
        }
    }
}
