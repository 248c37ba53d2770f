using System.Globalization;
using SignupEmail.EmailNode.Delivery;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>
/// <c>GET|PUT|DELETE /admin/delivery/delay</c>: the experiment that slows every delivery at run time
/// (<see cref="DeliveryDelay"/>). Mapped only with <c>Email:Admin:Experiments</c>; otherwise the
/// routes do not exist and answer 404 like any other unknown path.
/// </summary>
internal static class DeliveryDelayAdminEndpoints
{
    private const string Path = "/delivery/delay";

    public static RouteGroupBuilder MapDeliveryDelayAdmin(this RouteGroupBuilder admin, AdminOptions options)
    {
        if (!options.Experiments)
        {
            return admin;
        }

        admin.MapGet(Path, (DeliveryDelay delay) => Results.Ok(View(delay)))
            .WithName("email-delivery-delay")
            .WithSummary("The experiment delay every delivery waits before it starts, in milliseconds (0: none).")
            .Produces<DeliveryDelayView>();
        admin.MapPut(Path, SetAsync)
            .WithName("email-delivery-delay-set")
            .WithSummary("Sets the delay every delivery waits before it starts: {\"milliseconds\": 0..60000}; 0 removes it. Deliveries already waiting follow the change.")
            .Accepts<DeliveryDelayView>("application/json")
            .Produces<DeliveryDelayView>()
            .ProducesValidationProblem();
        admin.MapDelete(Path, (DeliveryDelay delay) =>
            {
                delay.Set(TimeSpan.Zero);
                return Results.Ok(View(delay));
            })
            .WithName("email-delivery-delay-remove")
            .WithSummary("Removes the delivery delay (the same as setting 0).")
            .Produces<DeliveryDelayView>();
        return admin;
    }

    // Read by hand after the key filter, as the replay's body is (DeadLetterAdminEndpoints).
    private static async Task<IResult> SetAsync(DeliveryDelay delay, HttpRequest http, CancellationToken cancellationToken)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync<DeliveryDelayView>(http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var max = (long)DeliveryDelay.Max.TotalMilliseconds;
        if (body?.Milliseconds is not { } milliseconds || milliseconds < 0 || milliseconds > max)
        {
            return AdminProblems.Invalid(
                "milliseconds", string.Create(CultureInfo.InvariantCulture, $"'milliseconds' is required, a whole number from 0 (no delay) to {max}."));
        }

        delay.Set(TimeSpan.FromMilliseconds(milliseconds));
        return Results.Ok(View(delay));
    }

    internal static DeliveryDelayView View(DeliveryDelay delay) => new((long)delay.Current.TotalMilliseconds);
}
