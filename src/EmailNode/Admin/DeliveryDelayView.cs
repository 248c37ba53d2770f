namespace SignupEmail.EmailNode.Admin;

/// <summary>The body of <c>PUT /admin/delivery/delay</c> and the answer of every <c>/admin/delivery/delay</c> call.</summary>
/// <param name="Milliseconds">The wait before each delivery, 0 for none; null only in a request that left it out.</param>
public sealed record DeliveryDelayView(long? Milliseconds);
