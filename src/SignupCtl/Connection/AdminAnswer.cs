namespace SignupEmail.SignupCtl.Connection;

/// <summary>A node's answer: the JSON as it came (for <c>--json</c>) and what it says.</summary>
internal sealed record AdminAnswer<T>(T Value, string Json);
