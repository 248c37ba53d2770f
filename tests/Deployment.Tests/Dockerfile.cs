namespace SignupEmail.Deployment.Tests;

/// <summary>A Dockerfile as instructions (continuation lines joined, comments dropped), split into stages.</summary>
public sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<IReadOnlyList<(string Keyword, string Arguments)>> stages) => Stages = stages;

    /// <summary>The stages in order, each starting with its <c>FROM</c>.</summary>
    public IReadOnlyList<IReadOnlyList<(string Keyword, string Arguments)>> Stages { get; }

    /// <summary>Every instruction in order.</summary>
    public IEnumerable<(string Keyword, string Arguments)> Instructions => Stages.SelectMany(s => s);

    /// <summary>The Dockerfile at <paramref name="relativePath"/> in the repository.</summary>
    public static Dockerfile Load(string relativePath) => Parse(RepositoryFiles.Read(relativePath));

    /// <summary>A Dockerfile from its text.</summary>
    public static Dockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var instructions = new List<(string, string)>();
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var full = (pending + line).Trim();
            pending = string.Empty;
            if (full.Length > 0)
            {
                var space = full.IndexOf(' ', StringComparison.Ordinal);
                instructions.Add(space < 0 ? (full.ToUpperInvariant(), string.Empty) : (full[..space].ToUpperInvariant(), full[(space + 1)..].Trim()));
            }
        }

        var stages = new List<List<(string, string)>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Item1 == "FROM" || stages.Count == 0)
            {
                stages.Add([]);
            }

            stages[^1].Add(instruction);
        }

        return new Dockerfile(stages);
    }
}
