namespace SignupEmail.Deployment.Tests;

/// <summary>The node services of a compose file, by the Dockerfile their image is built from.</summary>
public static class NodeServices
{
    /// <summary>Every (kind, service) pair: each service built from one of our nodes' Dockerfiles.</summary>
    public static IReadOnlyList<(NodeKind Kind, ComposeService Service)> Of(ComposeFile compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        return [.. new[] { NodeKind.User, NodeKind.Email }.SelectMany(kind => compose.BuiltFrom(kind.Dockerfile).Select(service => (kind, service)))];
    }

    /// <summary>Problems of every node service: keys the node does not read, then values its validation refuses.</summary>
    public static IReadOnlyList<string> SettingsProblems(ComposeFile compose) =>
        [.. Of(compose).SelectMany(node =>
            NodeSettingsCheck.UnreadKeys(node.Kind, node.Service.Environment)
                .Concat(NodeSettingsCheck.ValidationFailures(node.Kind, node.Service.Environment))
                .Select(problem => $"{node.Service.Name} ({node.Kind.Name}): {problem}"))];
}
