namespace SignupEmail.Dashboard.Actions;

/// <summary>Body of <c>PUT /api/actions/mail-delay</c>, and its answer.</summary>
internal sealed record MailDelayRequest(int? Milliseconds);
