using Akka.Actor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>Registers the consuming pipeline and the dead-letter topic access.</summary>
public static class ConsumingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the pipeline and its hosted service (which checks the cluster and the topics first),
    /// <c>Email:Kafka</c> options (validated at start-up), the shared delivery
    /// circuit breaker and delivery delay, and the health check. Call after
    /// <c>AddEmailNode</c> and <c>AddAkka</c>, so the send log and the actor system start first.
    /// </summary>
    public static IServiceCollection AddEmailPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ConsumingOptions>().Bind(configuration.GetSection(ConsumingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsumingOptions>, ConsumingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(sp =>
        {
            var breaker = new DeliveryCircuitBreaker(
                Consuming(sp).CircuitBreaker, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DeliveryCircuitBreaker>>());
            EmailPipelineMetrics.ObserveCircuit(breaker);
            return breaker;
        });
        services.TryAddSingleton(sp => new DeliveryDelay(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WelcomeRecordHandler(
            sp.GetRequiredService<ISendLog>(),
            sp.GetRequiredService<WelcomeMessageRenderer>(),
            sp.GetRequiredService<IMailDelivery>(),
            sp.GetRequiredService<DeliveryCircuitBreaker>(),
            sp.GetRequiredService<DeliveryDelay>(),
            Consuming(sp).Retry,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WelcomeRecordHandler>>()));
        services.TryAddSingleton(sp => new EmailPipeline(
            sp.GetRequiredService<ActorSystem>(),
            WithDeliveryDefaults(Consuming(sp), sp.GetRequiredService<IMailDelivery>()),
            sp.GetRequiredService<WelcomeRecordHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EmailPipeline>>()));
        services.TryAddSingleton(sp => new KafkaStartupCheck(Consuming(sp), sp.GetRequiredService<ILogger<KafkaStartupCheck>>()));
        services.TryAddSingleton(sp => new DeadLetterTopic(Consuming(sp)));
        services.AddHostedService<EmailPipelineService>();
        services.AddHostedService(ConsumerLagMetrics.Create);
        services.AddHealthChecks().AddCheck<PipelineHealthCheck>("email-pipeline", tags: ["ready"]);
        return services;
    }

    /// <summary>Fills in what depends on the delivery: how many records of a partition may be in flight.</summary>
    internal static ConsumingOptions WithDeliveryDefaults(ConsumingOptions options, IMailDelivery delivery) =>
        options.MaxInFlightPerPartition is null
            ? options with { MaxInFlightPerPartition = delivery is PickupFolderMailDelivery ? 1 : ConsumingOptions.SmtpInFlightDefault }
            : options;

    private static ConsumingOptions Consuming(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ConsumingOptions>>().Value;
}
