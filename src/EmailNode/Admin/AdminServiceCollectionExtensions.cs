using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>Registers the admin API's services and the Kafka health check.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>Name of the request timeout policy of the admin endpoints.</summary>
    public const string RequestTimeoutPolicy = "admin";

    /// <summary>
    /// Adds <c>Email:Admin</c> options (validated at start-up), the request timeout policy that bounds
    /// every admin call (503 with <c>Retry-After</c> past it), the lag and topology readers, and the <c>kafka</c>
    /// readiness check. Needs <c>Email:Kafka</c> options (<c>AddEmailPipeline</c>).
    /// </summary>
    public static IServiceCollection AddEmailNodeAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AdminKey(sp.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey));

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<AdminOptions>>((timeouts, admin) =>
            timeouts.AddPolicy(RequestTimeoutPolicy, new RequestTimeoutPolicy
            {
                Timeout = admin.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = http => AdminProblems.KafkaUnavailable(http, admin.Value, AdminProblems.TimedOut(admin.Value)).ExecuteAsync(http),
            }));

        services.TryAddSingleton(sp => new ConsumerLagReader(Consuming(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new KafkaTopologyReader(Consuming(sp)));
        services.TryAddSingleton(sp => new KafkaConnectivityProbe(Consuming(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddHealthChecks().AddCheck<KafkaHealthCheck>(KafkaHealthCheck.Name, tags: ["ready"]);
        return services;
    }

    private static ConsumingOptions Consuming(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ConsumingOptions>>().Value;
}
