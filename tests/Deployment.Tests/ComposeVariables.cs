using System.Text.RegularExpressions;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// Compose's variable interpolation, as far as docker-compose.yml may use it: <c>${NAME:-default}</c>
/// and <c>${NAME-default}</c> stand for their default (what runs without an .env file), <c>$$</c> for
/// a literal <c>$</c>. Anything else has no value the tests could check, so it is refused.
/// </summary>
public static partial class ComposeVariables
{
    /// <summary>One use of a variable: its name and its default (null when it has none).</summary>
    public sealed record Use(string Name, string? Default);

    /// <summary><paramref name="value"/> with every variable replaced by its default.</summary>
    /// <exception cref="InvalidOperationException">A variable without a default.</exception>
    public static string Expand(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Reference().Replace(value, match =>
        {
            if (match.Value == "$$")
            {
                return "$";
            }

            var use = ToUse(match);
            return use.Default ?? throw new InvalidOperationException(
                $"'{match.Value}' in '{value}' has no default: write ${{{use.Name}:-default}} so the file runs without an .env file.");
        });
    }

    /// <summary>Every variable used in <paramref name="text"/>, in order (escaped <c>$$</c> excluded).</summary>
    public static IReadOnlyList<Use> Uses(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Reference().Matches(text).Where(m => m.Value != "$$").Select(ToUse)];
    }

    private static Use ToUse(Match match)
    {
        var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
        var hasDefault = match.Groups["op"].Value is ":-" or "-";
        return new Use(name, hasDefault ? match.Groups["default"].Value : null);
    }

    [GeneratedRegex(@"\$\$|\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|-|:\?|\?|:\+|\+)(?<default>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}
