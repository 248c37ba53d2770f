using Microsoft.Extensions.Options;
using SignupEmail.Shared.Configuration;

namespace SignupEmail.Dashboard.Configuration;

/// <summary>Registers <see cref="DashboardOptions"/> with its validation (also used by tests/Deployment.Tests to judge the compose service).</summary>
public static class DashboardOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Dashboard</c> from <paramref name="configuration"/> and validates it when the host starts:
    /// a bad value, or a key no setting has (a typo the binder would ignore), stops the start naming the key.
    /// </summary>
    public static IServiceCollection AddDashboardOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<IValidateOptions<DashboardOptions>>(new UnknownSettingKeysValidator<DashboardOptions>(
            configuration, DashboardOptions.Section, new Dictionary<string, Type> { [string.Empty] = typeof(DashboardOptions) }));
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section)).ValidateOnStart();
        return services;
    }
}
