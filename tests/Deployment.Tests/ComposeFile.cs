using YamlDotNet.RepresentationModel;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// docker-compose.yml as Compose reads it: YAML merge keys (<c>&lt;&lt;</c>) applied, variables
/// expanded to their defaults (<see cref="ComposeVariables"/>).
/// </summary>
public sealed class ComposeFile
{
    /// <summary>Where the file lives in the repository.</summary>
    public const string RelativePath = "docker-compose.yml";

    private ComposeFile(string text, IReadOnlyDictionary<string, ComposeService> services)
    {
        Text = text;
        Services = services;
    }

    /// <summary>The file's text as written.</summary>
    public string Text { get; }

    /// <summary>The services by name.</summary>
    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    /// <summary>The repository's docker-compose.yml.</summary>
    public static ComposeFile Load() => Parse(RepositoryFiles.Read(RelativePath));

    /// <summary>A compose file from its text (tests change the real one to see a check fail).</summary>
    public static ComposeFile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        var root = ApplyMergeKeys((YamlMappingNode)stream.Documents.Single().RootNode);
        var services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
        return new ComposeFile(
            text,
            services.Children.ToDictionary(
                entry => ((YamlScalarNode)entry.Key).Value!,
                entry => new ComposeService(((YamlScalarNode)entry.Key).Value!, (YamlMappingNode)entry.Value),
                StringComparer.Ordinal));
    }

    /// <summary>
    /// A copy of <paramref name="node"/> with YAML merge keys applied, as Compose does: the entries of
    /// the mapping(s) under <c>&lt;&lt;</c> are added unless the mapping sets the same key itself.
    /// </summary>
    private static YamlMappingNode ApplyMergeKeys(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: "<<" })
            {
                merged.Add(key, value is YamlMappingNode map ? ApplyMergeKeys(map) : value);
            }
        }

        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var source))
        {
            var sources = source is YamlSequenceNode list ? list.Children : [source];
            foreach (var entry in sources.Cast<YamlMappingNode>().Select(ApplyMergeKeys).SelectMany(m => m.Children))
            {
                if (!merged.Children.ContainsKey(entry.Key))
                {
                    merged.Add(entry.Key, entry.Value);
                }
            }
        }

        return merged;
    }

    /// <summary>The service called <paramref name="name"/>.</summary>
    public ComposeService Service(string name) =>
        Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"docker-compose.yml has no service '{name}'.");

    /// <summary>The services whose image is built from <paramref name="dockerfile"/> (repository-relative).</summary>
    public IReadOnlyList<ComposeService> BuiltFrom(string dockerfile) =>
        [.. Services.Values.Where(s => s.Dockerfile == dockerfile).OrderBy(s => s.Name, StringComparer.Ordinal)];
}
