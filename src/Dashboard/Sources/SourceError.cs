namespace SignupEmail.Dashboard.Sources;

/// <summary>A source that failed during a refresh, as the snapshot's <c>errors</c> lists it.</summary>
/// <param name="Source">Which node, e.g. <c>email-node http://127.0.0.1:5090</c>.</param>
/// <param name="Message">What went wrong, with the route.</param>
public sealed record SourceError(string Source, string Message);
