namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>
/// Which dead-letter records an operation covers: everything, or one partition's offsets from
/// <see cref="FromOffset"/> to <see cref="ToOffset"/> (both inclusive; open ends when null).
/// </summary>
/// <param name="All">Every record of every partition; the other fields must then be null.</param>
/// <param name="Partition">The partition, required unless <paramref name="All"/>.</param>
/// <param name="FromOffset">First offset, inclusive.</param>
/// <param name="ToOffset">Last offset, inclusive.</param>
public sealed record DeadLetterSelection(bool All = false, int? Partition = null, long? FromOffset = null, long? ToOffset = null)
{
    /// <summary>Why the selection is not usable, or null.</summary>
    public string? Problem() => Check()?.Problem;

    /// <summary>The field a <see cref="Problem"/> is about (<c>all</c>, <c>partition</c>, <c>fromOffset</c> or <c>toOffset</c>), or null.</summary>
    public string? ProblemField() => Check()?.Field;

    private (string Field, string Problem)? Check() => (All, Partition, FromOffset, ToOffset) switch
    {
        (true, null, null, null) => null,
        (true, _, _, _) => ("all", "'all' selects every record; do not combine it with partition or offsets."),
        (false, null, _, _) => ("partition", "Choose 'all', or a 'partition' (with optional 'fromOffset'/'toOffset')."),
        (false, < 0, _, _) => ("partition", "'partition' must not be negative."),
        (false, _, < 0, _) => ("fromOffset", "Offsets must not be negative."),
        (false, _, _, < 0) => ("toOffset", "Offsets must not be negative."),
        (false, _, { } from, { } to) when to < from => ("toOffset", "'toOffset' must not be below 'fromOffset'."),
        _ => null,
    };
}
