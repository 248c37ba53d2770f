using Microsoft.Extensions.Options;

namespace SignupEmail.UserNode.Configuration;

/// <summary>Binds and validates <see cref="UserNodeOptions"/>.</summary>
public static class UserNodeOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>UserNode</c> from <paramref name="configuration"/> and validates it when the host
    /// starts: a bad value stops the start with the full key in the message.
    /// </summary>
    public static IServiceCollection AddUserNodeOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<UserNodeOptions>, UserNodeOptionsValidator>();
        services.AddOptions<UserNodeOptions>()
            .Bind(configuration.GetSection(UserNodeOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        return services;
    }
}
