using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace SignupEmail.Deployment.Tests;

/// <summary>One service of <see cref="ComposeFile"/>, with its values expanded.</summary>
/// <param name="Name">The service's name, which is also its host name on the compose network.</param>
/// <param name="Node">The service's YAML.</param>
public sealed record ComposeService(string Name, YamlMappingNode Node)
{
    /// <summary>The <c>image</c>, or null.</summary>
    public string? Image => Scalar(Node, "image");

    /// <summary>The <c>hostname</c>, or null.</summary>
    public string? Hostname => Scalar(Node, "hostname");

    /// <summary>The Dockerfile the image is built from, relative to the repository root, or null when not built.</summary>
    public string? Dockerfile
    {
        get
        {
            if (Child(Node, "build") is not YamlMappingNode build)
            {
                return null;
            }

            var context = Scalar(build, "context") ?? ".";
            var file = Scalar(build, "dockerfile") ?? "Dockerfile";
            return RepositoryFiles.Relative(Path.Combine(RepositoryFiles.PathOf(context), file));
        }
    }

    /// <summary>The build context relative to the repository root (<c>.</c> for the root), or null.</summary>
    public string? BuildContext => Child(Node, "build") is YamlMappingNode build
        ? RepositoryFiles.Relative(RepositoryFiles.PathOf(Scalar(build, "context") ?? "."))
        : null;

    /// <summary>The <c>environment</c> (map or list form), values expanded.</summary>
    public IReadOnlyDictionary<string, string> Environment => Child(Node, "environment") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!,
            e => ComposeVariables.Expand(((YamlScalarNode)e.Value).Value ?? string.Empty),
            StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.Select(e => ((YamlScalarNode)e).Value!.Split('=', 2)).ToDictionary(
            kv => kv[0], kv => ComposeVariables.Expand(kv.Length > 1 ? kv[1] : string.Empty), StringComparer.Ordinal),
        null => new Dictionary<string, string>(StringComparer.Ordinal),
        var other => throw new InvalidOperationException($"{Name}: environment is a {other.NodeType}."),
    };

    /// <summary>The <c>depends_on</c> services and their conditions (the short list form means <c>service_started</c>).</summary>
    public IReadOnlyDictionary<string, string> DependsOn => Child(Node, "depends_on") switch
    {
        YamlMappingNode map => map.Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!,
            e => Scalar((YamlMappingNode)e.Value, "condition") ?? "service_started",
            StringComparer.Ordinal),
        YamlSequenceNode list => list.Children.ToDictionary(e => ((YamlScalarNode)e).Value!, _ => "service_started", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    /// <summary>The published ports as (host port, container port); a port without a host part is published on a random host port (null).</summary>
    public IReadOnlyList<(int? HostPort, int ContainerPort)> Ports => [.. Strings(Node, "ports").Select(ParsePort)];

    /// <summary>The health check's <c>test</c> as a list (a string test becomes <c>CMD-SHELL</c> and the string).</summary>
    public IReadOnlyList<string> HealthCheck => Child(Node, "healthcheck") is YamlMappingNode check
        ? Child(check, "test") is YamlScalarNode shell ? ["CMD-SHELL", ComposeVariables.Expand(shell.Value!)] : Strings(check, "test")
        : [];

    /// <summary><c>deploy.replicas</c>, or null.</summary>
    public int? Replicas => Child(Node, "deploy") is YamlMappingNode deploy && Scalar(deploy, "replicas") is { } replicas
        ? int.Parse(replicas, CultureInfo.InvariantCulture)
        : null;

    /// <summary>The <c>command</c> as a list.</summary>
    public IReadOnlyList<string> Command => Strings(Node, "command");

    /// <summary>The <c>entrypoint</c> as a list.</summary>
    public IReadOnlyList<string> Entrypoint => Strings(Node, "entrypoint");

    /// <summary>The <c>volumes</c> in short form (<c>source:target[:mode]</c>).</summary>
    public IReadOnlyList<string> Volumes => Strings(Node, "volumes");

    /// <summary>Whether the service sets <paramref name="key"/> at its top level.</summary>
    public bool Has(string key) => Child(Node, key) is not null;

    /// <summary>The repository file bind-mounted at <paramref name="containerPath"/> (repository-relative), or null.</summary>
    public string? MountedFileAt(string containerPath) => Volumes
        .Select(v => v.Split(':'))
        .Where(parts => parts.Length >= 2 && parts[1] == containerPath && parts[0].StartsWith("./", StringComparison.Ordinal))
        .Select(parts => RepositoryFiles.Relative(RepositoryFiles.PathOf(parts[0])))
        .FirstOrDefault();

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) =>
        Child(node, key) is YamlScalarNode scalar ? ComposeVariables.Expand(scalar.Value ?? string.Empty) : null;

    private static IReadOnlyList<string> Strings(YamlMappingNode node, string key) => Child(node, key) switch
    {
        YamlSequenceNode list => [.. list.Children.Select(e => ComposeVariables.Expand(((YamlScalarNode)e).Value ?? string.Empty))],
        YamlScalarNode scalar => [ComposeVariables.Expand(scalar.Value ?? string.Empty)],
        _ => [],
    };

    private static (int? HostPort, int ContainerPort) ParsePort(string port)
    {
        // [ip:][host:]container[/protocol]
        var parts = port.Split('/')[0].Split(':');
        var container = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        return parts.Length >= 2 ? (int.Parse(parts[^2], CultureInfo.InvariantCulture), container) : (null, container);
    }
}
