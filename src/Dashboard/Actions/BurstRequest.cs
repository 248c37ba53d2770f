namespace SignupEmail.Dashboard.Actions;

/// <summary>Body of <c>POST /api/actions/burst</c>; an omitted field takes its default (10× the calm rate, 30 s).</summary>
internal sealed record BurstRequest(int? Rate, int? Seconds)
{
    public const int DefaultSeconds = 30;
}
