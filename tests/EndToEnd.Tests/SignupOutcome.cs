using System.Net;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>How one signup ended, seen from the client.</summary>
/// <param name="Email">The address signed up.</param>
/// <param name="FirstNode">Index of the node the first attempt went to.</param>
/// <param name="FirstStatus">The first attempt's status; <c>null</c> if it got no response (node down).</param>
/// <param name="FinalStatus">The last attempt's status (201 or 409 when it succeeded); <c>null</c> if none answered.</param>
/// <param name="Attempts">Attempts made, over both nodes.</param>
/// <param name="Failure">Why the signup did not end in 201 or 409; <c>null</c> if it did.</param>
internal sealed record SignupOutcome(
    string Email, int FirstNode, HttpStatusCode? FirstStatus, HttpStatusCode? FinalStatus, int Attempts, string? Failure)
{
    /// <summary>Stored by this attempt or an earlier one whose answer was lost.</summary>
    public bool Succeeded => Failure is null && FinalStatus is HttpStatusCode.Created or HttpStatusCode.Conflict;
}
