namespace SignupEmail.EmailNode.Delivery;

/// <summary>The pickup folder (<c>Email:Pickup</c>).</summary>
public sealed record PickupOptions
{
    /// <summary><c>Email:Pickup:Folder</c>: created if missing; relative to the content root.</summary>
    public string Folder { get; init; } = "mail-pickup";
}
