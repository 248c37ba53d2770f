using Microsoft.Extensions.Configuration;

namespace SignupEmail.Shared.Configuration;

/// <summary>
/// Finds configuration keys under a node's section that none of its settings types binds: the
/// configuration binder ignores them, so a misspelt <c>Email:Kafka:Retry:MaxBackof</c> would
/// silently leave the default in force. Each problem names the key and, when one is close, the key
/// that was probably meant.
/// </summary>
public static class UnknownSettingKeys
{
    /// <summary>
    /// The unknown keys under <paramref name="section"/> of <paramref name="configuration"/>, one message
    /// each, starting with the full key.
    /// </summary>
    /// <param name="configuration">The whole configuration (all sources).</param>
    /// <param name="section">The node's section, e.g. <c>Email</c>.</param>
    /// <param name="bindings">
    /// The settings type bound at each path relative to <paramref name="section"/>: <c>""</c> for the
    /// section itself, <c>"Kafka"</c> for <c>Email:Kafka</c> when that is bound from a type of its own.
    /// </param>
    public static IReadOnlyList<string> Find(IConfiguration configuration, string section, IReadOnlyDictionary<string, Type> bindings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        ArgumentNullException.ThrowIfNull(bindings);

        var root = Shape(bindings);
        var known = new List<string>();
        Collect(root, section, known);
        var problems = new List<string>();
        Check(configuration.GetSection(section), root, known, problems);
        return problems;
    }

    private static SettingsShape Shape(IReadOnlyDictionary<string, Type> bindings)
    {
        var root = SettingsShape.Of(bindings.TryGetValue(string.Empty, out var rootType) ? rootType : typeof(object));
        foreach (var (path, type) in bindings.Where(b => b.Key.Length > 0).OrderBy(b => b.Key.Length))
        {
            var parent = root;
            var segments = path.Split(ConfigurationPath.KeyDelimiter);
            foreach (var segment in segments[..^1])
            {
                if (!parent.Properties.TryGetValue(segment, out var next))
                {
                    next = SettingsShape.Of(typeof(object));
                    parent.Add(segment, next);
                }

                parent = next;
            }

            parent.Add(segments[^1], SettingsShape.Of(type));
        }

        return root;
    }

    private static void Collect(SettingsShape shape, string path, List<string> known)
    {
        known.Add(path);
        foreach (var (name, property) in shape.Properties)
        {
            Collect(property, ConfigurationPath.Combine(path, name), known);
        }
    }

    private static void Check(IConfigurationSection section, SettingsShape shape, List<string> known, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            var childShape = shape.Kind switch
            {
                "map" => shape.Entry,
                "object" => shape.Properties.GetValueOrDefault(child.Key),
                _ => null,
            };
            if (childShape is null)
            {
                problems.Add(Describe(child.Path, known));
                continue;
            }

            Check(child, childShape, known, problems);
        }
    }

    private static string Describe(string key, List<string> known)
    {
        var meant = Closest(key, known);
        return meant is null
            ? $"{key}: is not a setting of this node (misspelt, or in the wrong section?)."
            : $"{key}: is not a setting of this node, did you mean {meant}?";
    }

    // The known key nearest in spelling, if near enough to be a typo; else one with the same last
    // segment elsewhere (a setting put in the wrong section).
    private static string? Closest(string key, List<string> known)
    {
        var leaf = key[(key.LastIndexOf(':') + 1)..];
        var best = known
            .Select(candidate => (candidate, distance: Distance(key, candidate)))
            .OrderBy(c => c.distance)
            .FirstOrDefault();
        if (best.candidate is not null && best.distance <= Math.Max(2, leaf.Length / 3))
        {
            return best.candidate;
        }

        return known.FirstOrDefault(candidate =>
            string.Equals(candidate[(candidate.LastIndexOf(':') + 1)..], leaf, StringComparison.OrdinalIgnoreCase));
    }

    // Levenshtein distance, ignoring case.
    private static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
