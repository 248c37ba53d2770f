namespace SignupEmail.UserNode.Signup;

/// <summary>Body of <c>POST /api/users</c> (documentation shape; the endpoint reads the JSON itself to report every bad field).</summary>
/// <param name="Email">
/// Address: trimmed, at most 254 bytes, a plain <c>local@domain</c> (no display name, quotes, spaces or control characters); the local part
/// a dot-atom (no dot first, last or doubled), the domain a host name or internationalized domain name. Stored as given except the
/// domain, which becomes its lower-case IDNA A-label (<c>例え.jp</c> → <c>xn--r8jz45g.jp</c>).
/// </param>
/// <param name="Name">Display name: trimmed, 1–100 characters of any script, no control characters or line breaks.</param>
/// <param name="Password">8–128 characters; stored only as a salted hash.</param>
/// <param name="Locale"><c>ko</c> or <c>en</c>; if absent, from <c>Accept-Language</c>, else <c>ko</c>.</param>
public sealed record SignupRequest(string Email, string Name, string Password, string? Locale);
