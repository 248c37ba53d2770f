using System.Diagnostics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// The <c>/admin</c> route group both nodes share: guarded by <see cref="AdminKeyFilter"/>, tagged
/// <c>Admin</c> in the OpenAPI document, with <c>GET /admin/node</c> already mapped. Each node maps its
/// own routes on the group it gets back.
/// </summary>
public static class AdminApi
{
    /// <summary>The route prefix.</summary>
    public const string Prefix = "/admin";

    /// <summary>The OpenAPI tag of every admin route.</summary>
    public const string Tag = "Admin";

    /// <summary>Maps the group and <c>GET /admin/node</c> (needs an <see cref="AdminKey"/> service).</summary>
    /// <param name="endpoints">Where to map.</param>
    /// <param name="node">The node type shown by <c>/admin/node</c>: <c>user</c> or <c>email</c>.</param>
    /// <param name="configurationSections">The sections <c>/admin/node</c> summarises (secrets masked).</param>
    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder endpoints, string node, params string[] configurationSections)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var admin = endpoints.MapGroup(Prefix).WithTags(Tag);
        admin.AddEndpointFilter<AdminKeyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        admin.MapGet("/node", (IConfiguration configuration, IHostEnvironment environment, TimeProvider time) =>
                Results.Ok(Describe(node, configuration, environment, time, configurationSections)))
            .WithName($"{node}-node-info")
            .WithSummary("This node: version, uptime and settings (secrets masked).")
            .Produces<NodeInfo>();
        return admin;
    }

    /// <summary>What <c>/admin/node</c> answers.</summary>
    public static NodeInfo Describe(string node, IConfiguration configuration, IHostEnvironment environment, TimeProvider time, params string[] sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(time);
        using var process = Process.GetCurrentProcess();
        var startedAt = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        var assembly = Assembly.GetEntryAssembly() ?? typeof(AdminApi).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return new NodeInfo(
            node,
            version,
            System.Environment.MachineName,
            System.Environment.ProcessId,
            environment.EnvironmentName,
            startedAt,
            time.GetUtcNow() - startedAt,
            ConfigurationSummary.Of(configuration, sections));
    }
}
