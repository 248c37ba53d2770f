using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Hosting;
using SignupEmail.EmailNode.Settings;
using SignupEmail.Shared.Hosting.Telemetry;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Hosting;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// How one of our nodes reads its configuration: the sections it binds to which option types, and
/// the registration of the node itself that binds and validates them. The section names are the
/// nodes' own constants, the registrations the nodes' own extension methods.
/// </summary>
/// <param name="Name">For messages.</param>
/// <param name="Project">The node's project folder, relative to the repository root.</param>
/// <param name="Sections">Each bound section and its option type; a longer section takes its keys away from a shorter one it is under.</param>
/// <param name="Register">The node's registration of those options, with their validators.</param>
public sealed record NodeKind(
    string Name,
    string Project,
    IReadOnlyList<(string Section, Type Options)> Sections,
    Action<IServiceCollection, IConfiguration> Register)
{
    /// <summary>The User node: everything under <c>UserNode</c>.</summary>
    public static NodeKind User { get; } = new(
        "User node",
        "src/UserNode",
        [(UserNodeOptions.Section, typeof(UserNodeOptions)), (UserNodeApplication.TelemetrySection, typeof(NodeTelemetryOptions))],
        (services, configuration) => services.AddUserNodeOptions(configuration));

    /// <summary>The Email node: <c>Email</c>, of which <c>Email:Kafka</c> and <c>Email:Admin</c> are bound on their own.</summary>
    public static NodeKind Email { get; } = new(
        "Email node",
        "src/EmailNode",
        [
            (EmailOptions.SectionName, typeof(EmailOptions)),
            (ConsumingOptions.SectionName, typeof(ConsumingOptions)),
            (AdminOptions.SectionName, typeof(AdminOptions)),
            (EmailNodeApplication.TelemetrySection, typeof(NodeTelemetryOptions)),
        ],
        (services, configuration) => services.AddEmailNode(configuration).AddEmailPipeline(configuration).AddEmailNodeAdmin(configuration));

    /// <summary>The dashboard: everything under <c>Dashboard</c> (not a node, but read and checked the same way).</summary>
    public static NodeKind Dashboard { get; } = new(
        "dashboard",
        "src/Dashboard",
        [(DashboardOptions.Section, typeof(DashboardOptions))],
        (services, configuration) => services.AddDashboardOptions(configuration));

    /// <summary>The node's Dockerfile, relative to the repository root.</summary>
    public string Dockerfile => $"{Project}/Dockerfile";

    /// <summary>The node's top-level configuration section (<c>UserNode</c>, <c>Email</c>).</summary>
    public string RootSection => Sections[0].Section;
}
