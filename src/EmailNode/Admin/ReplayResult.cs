namespace SignupEmail.EmailNode.Admin;

/// <summary>What <c>POST /admin/dead-letters/replay</c> answers.</summary>
/// <param name="Replayed">How many records were sent back to the signup topic.</param>
public sealed record ReplayResult(int Replayed);
