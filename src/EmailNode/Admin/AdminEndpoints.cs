using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// The node's admin HTTP API (docs/admin-api.md), behind the shared <see cref="AdminKeyFilter"/>:
/// Kafka topology and lag, this node's consumer, dead-letter listing and replay, send-log lookup,
/// and, with <c>Email:Admin:Experiments</c>, the delivery delay.
/// Every call is bounded by Email:Admin:RequestTimeout; an unreachable cluster answers 503 with
/// <c>Retry-After</c> (<see cref="KafkaFailureFilter"/>).
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Maps <c>/admin/*</c>.</summary>
    public static IEndpointRouteBuilder MapEmailNodeAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.MapAdminApi("email", EmailOptions.SectionName);
        admin.AddEndpointFilter<KafkaFailureFilter>()
            .WithRequestTimeout(AdminServiceCollectionExtensions.RequestTimeoutPolicy)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        admin.MapKafkaAdmin();
        admin.MapConsumerAdmin();
        admin.MapDeadLetterAdmin();
        admin.MapMailAdmin();
        admin.MapDeliveryDelayAdmin(endpoints.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value);
        return endpoints;
    }
}
