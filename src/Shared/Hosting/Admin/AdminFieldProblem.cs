using Microsoft.AspNetCore.Http;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>The 400 of an admin route: a validation problem naming the query or body field at fault.</summary>
public static class AdminFieldProblem
{
    /// <summary>400 whose <c>errors</c> has <paramref name="field"/> with <paramref name="problem"/>.</summary>
    public static IResult Create(string field, string problem) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] },
            title: "The admin request is invalid.");
}
