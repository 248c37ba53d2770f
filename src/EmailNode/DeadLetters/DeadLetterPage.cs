namespace SignupEmail.EmailNode.DeadLetters;

/// <summary>One page of a dead-letter listing.</summary>
/// <param name="Items">The records, in partition and offset order.</param>
/// <param name="HasMore">True when the selection has records after the last item.</param>
public sealed record DeadLetterPage(IReadOnlyList<DeadLetterEntry> Items, bool HasMore);
