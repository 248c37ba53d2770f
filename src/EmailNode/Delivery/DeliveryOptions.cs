namespace SignupEmail.EmailNode.Delivery;

/// <summary>Choice of delivery (<c>Email:Delivery</c>).</summary>
public sealed record DeliveryOptions
{
    /// <summary><c>Email:Delivery:Mode</c>: <see cref="DeliveryMode.Pickup"/> (the embedded default) or <see cref="DeliveryMode.Smtp"/>.</summary>
    public DeliveryMode Mode { get; init; } = DeliveryMode.Pickup;
}
