using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// Judges the environment a compose service gives one of our nodes, the way the node would read it:
/// every key must be one the node binds (or an ASP.NET Core/.NET host key), and the resulting
/// configuration must pass the node's own validation.
/// </summary>
public static class NodeSettingsCheck
{
    /// <summary>Environment keys outside the node's section that the ASP.NET Core host reads.</summary>
    public static IReadOnlySet<string> HostKeys { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ASPNETCORE_ENVIRONMENT",
        "ASPNETCORE_HTTP_PORTS",
        "ASPNETCORE_HTTPS_PORTS",
        "ASPNETCORE_URLS",
        "DOTNET_ENVIRONMENT",
        "AllowedHosts",
        // OpenTelemetry's standard variables (src/Shared/Hosting/Telemetry/NodeTelemetry.cs).
        "OTEL_SERVICE_NAME",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_RESOURCE_ATTRIBUTES",
    };

    /// <summary>Sections outside the node's own that the host binds: <c>Logging:…</c>.</summary>
    public static IReadOnlyList<string> HostSections { get; } = ["Logging"];

    /// <summary>
    /// Keys that the node does not read: outside its section and no host key, or inside it and not
    /// a property of the options bound there (the binder's <c>ErrorOnUnknownConfiguration</c>), or
    /// of a value the binder cannot convert.
    /// </summary>
    public static IReadOnlyList<string> UnreadKeys(NodeKind kind, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = ToConfigurationKeys(environment);
        var problems = new List<string>();
        foreach (var key in settings.Keys.Where(k => !IsUnder(k, kind.RootSection)))
        {
            if (!HostKeys.Contains(key) && !HostSections.Any(section => IsUnder(key, section)))
            {
                problems.Add($"{key}: not read by the {kind.Name}: outside its {kind.RootSection} section and not an ASP.NET Core host key ({string.Join(", ", HostKeys)}, {string.Join(", ", HostSections.Select(s => s + ":…"))}).");
            }
        }

        foreach (var (section, type) in kind.Sections)
        {
            // A key belongs to the longest section it is under.
            var own = settings.Where(kv => IsUnder(kv.Key, section)
                && !kind.Sections.Any(other => other.Section.Length > section.Length && IsUnder(other.Section, section) && IsUnder(kv.Key, other.Section)));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(own).Build();
            try
            {
                configuration.GetSection(section).Bind(Activator.CreateInstance(type)!, binder => binder.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{section}: {Describe(ex)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Problems the node's own registration reports for the node's <c>appsettings.json</c> overlaid
    /// with <paramref name="environment"/>, as the node would see it at start-up.
    /// </summary>
    public static IReadOnlyList<string> ValidationFailures(NodeKind kind, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(environment);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(RepositoryFiles.PathOf($"{kind.Project}/appsettings.json"), optional: false, reloadOnChange: false)
            .AddInMemoryCollection(ToConfigurationKeys(environment))
            .Build();
        var services = new ServiceCollection();
        kind.Register(services, configuration);
        using var provider = services.BuildServiceProvider();

        var problems = new List<string>();
        foreach (var (_, type) in kind.Sections)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is OptionsValidationException invalid)
            {
                problems.AddRange(invalid.Failures);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is InvalidOperationException binding)
            {
                problems.Add($"{type.Name}: {Describe(binding)}");
            }
        }

        return problems;
    }

    /// <summary>Environment variable names as configuration keys: <c>__</c> separates sections, like the environment provider.</summary>
    public static Dictionary<string, string?> ToConfigurationKeys(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.ToDictionary(
            kv => kv.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            kv => (string?)kv.Value,
            StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsUnder(string key, string section) =>
        key.StartsWith(section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);

    private static string Describe(Exception exception) =>
        exception.InnerException is null ? exception.Message : $"{exception.Message} {Describe(exception.InnerException)}";
}
