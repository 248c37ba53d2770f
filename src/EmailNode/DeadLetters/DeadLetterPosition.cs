using System.Globalization;

namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>
/// A record's place on the dead-letter topic; a listing of every partition continues after it. Its
/// text form is <c>partition:offset</c>, the <c>after</c> of a <c>next</c> link.
/// </summary>
/// <param name="Partition">Partition number.</param>
/// <param name="Offset">Offset in the partition.</param>
public sealed record DeadLetterPosition(int Partition, long Offset)
{
    /// <summary>Reads <c>partition:offset</c> (both not negative), or null.</summary>
    public static DeadLetterPosition? Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0
            && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? new DeadLetterPosition(partition, offset)
                : null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Partition}:{Offset}");
}
