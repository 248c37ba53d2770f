using Microsoft.Extensions.Options;
using SignupEmail.Shared.Configuration;
using SignupEmail.Shared.Hosting.Telemetry;

namespace SignupEmail.UserNode.Configuration;

/// <summary>Binds and validates <see cref="UserNodeOptions"/>.</summary>
public static class UserNodeOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>UserNode</c> from <paramref name="configuration"/> and validates it when the host
    /// starts: a bad value, or a key no setting has (a typo the binder would ignore), stops the start
    /// with the full key in the message.
    /// </summary>
    public static IServiceCollection AddUserNodeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<UserNodeOptions>, UserNodeOptionsValidator>();
        services.AddSingleton<IValidateOptions<UserNodeOptions>>(new UnknownSettingKeysValidator<UserNodeOptions>(
            configuration, UserNodeOptions.Section, new Dictionary<string, Type> { [string.Empty] = typeof(UserNodeOptions), ["Telemetry"] = typeof(NodeTelemetryOptions) }));
        services.AddOptions<UserNodeOptions>()
            .Bind(configuration.GetSection(UserNodeOptions.Section))
            .ValidateOnStart();
        return services;
    }
}
