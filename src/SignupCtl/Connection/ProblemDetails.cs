using System.Text.Json;

namespace SignupEmail.SignupCtl.Connection;

/// <summary>An RFC 7807 problem from a node, read just enough to say it in one line.</summary>
internal sealed record ProblemDetails(string? Title, string? Detail, int? Status, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>The problem in <paramref name="body"/>, or null when the body is not one.</summary>
    public static ProblemDetails? TryRead(string body)
    {
        try
        {
            var problem = JsonSerializer.Deserialize<ProblemDetails>(body, AdminJson.Options);
            return problem is { Title: not null } or { Detail: not null } ? problem : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Title, detail and each field's errors, on one line.</summary>
    public string OneLine()
    {
        var parts = new[] { Title, Detail }.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part!.TrimEnd('.'));
        var line = string.Join(": ", parts);
        if (Errors is { Count: > 0 })
        {
            line += " (" + string.Join("; ", Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")) + ")";
        }

        return line;
    }
}
