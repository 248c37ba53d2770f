using System.Text.RegularExpressions;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// The deliveries an Email node reported in its output ("Welcome e-mail for event {id} ... written
/// to ..."). The pickup folder keeps one file per event, replaced on a second delivery; the output
/// still shows every write, which is how repeated deliveries are counted.
/// </summary>
internal static partial class DeliveryLog
{
    public static IReadOnlyList<Guid> EventIds(string output) =>
        [.. Delivered().Matches(output).Select(m => Guid.Parse(m.Groups["id"].Value))];

    [GeneratedRegex(@"Welcome e-mail for event (?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) to .* written to ")]
    private static partial Regex Delivered();
}
