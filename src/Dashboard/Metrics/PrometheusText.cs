using System.Globalization;
using System.Text;

namespace SignupEmail.Dashboard.Metrics;

/// <summary>
/// A small parser for the Prometheus text exposition format (what the nodes' <c>/metrics</c> serve):
/// enough for counters and histogram counts. Comment lines are skipped; a line that does not parse is
/// skipped too, so one odd metric never hides the others.
/// </summary>
internal static class PrometheusText
{
    /// <summary>Every sample in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length > 0 && line[0] != '#' && TryParseLine(line, out var sample))
            {
                samples.Add(sample);
            }
        }

        return samples;
    }

    private static bool TryParseLine(string line, out PrometheusSample sample)
    {
        sample = null!;
        var nameEnd = line.IndexOfAny(['{', ' ', '\t']);
        if (nameEnd <= 0)
        {
            return false;
        }

        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = line.AsSpan(nameEnd);
        if (rest[0] == '{')
        {
            var consumed = ParseLabels(rest, labels);
            if (consumed < 0)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        var valueText = rest.Trim();
        var space = valueText.IndexOfAny(' ', '\t');
        if (space >= 0)
        {
            valueText = valueText[..space]; // a timestamp follows
        }

        if (!TryParseValue(valueText, out var value))
        {
            return false;
        }

        sample = new PrometheusSample(name, labels, value);
        return true;
    }

    // Reads {a="x",b="y"} with \\, \" and \n escapes; returns the characters consumed, or -1.
    private static int ParseLabels(ReadOnlySpan<char> text, Dictionary<string, string> labels)
    {
        var i = 1;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || text[i] == ' '))
            {
                i++;
            }

            if (i < text.Length && text[i] == '}')
            {
                return i + 1;
            }

            var equals = text[i..].IndexOf('=');
            if (equals <= 0 || i + equals + 1 >= text.Length || text[i + equals + 1] != '"')
            {
                return -1;
            }

            var label = text.Slice(i, equals).Trim().ToString();
            i += equals + 2;
            var value = new StringBuilder();
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                    value.Append(text[i] == 'n' ? '\n' : text[i]);
                }
                else
                {
                    value.Append(text[i]);
                }

                i++;
            }

            if (i >= text.Length)
            {
                return -1;
            }

            labels[label] = value.ToString();
            i++;
        }

        return -1;
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
