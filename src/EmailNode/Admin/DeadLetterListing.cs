using SignupEmail.EmailNode.DeadLetters;

namespace SignupEmail.EmailNode.Admin;

/// <summary>What <c>GET /admin/dead-letters</c> answers: one page.</summary>
/// <param name="Items">The page's records, oldest first (newest first for a <c>newest</c> listing).</param>
/// <param name="Next">The path of the following page, null on the last one; a client follows it as it is.</param>
public sealed record DeadLetterListing(IReadOnlyList<DeadLetterEntry> Items, string? Next);
