using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Configuration;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Actions;

/// <summary>The experiments under <c>/api/actions</c>: burst, mail delay, broker stop/start.</summary>
internal static class ActionEndpoints
{
    public static RouteGroupBuilder MapActions(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/actions").AddEndpointFilter<ExperimentsFilter>();
        actions.MapPost("/burst", StartBurstAsync);
        actions.MapDelete("/burst", (BurstRunner burst) =>
        {
            var running = burst.Status.Running;
            burst.Stop();
            return running ? Results.Accepted(value: burst.Status) : Results.Ok(burst.Status);
        });
        actions.MapPut("/mail-delay", SetMailDelayAsync);
        actions.MapDelete("/mail-delay", (EmailNodeCommands email, MailDelayState state, CancellationToken token) =>
            ApplyMailDelayAsync(0, email, state, token));
        actions.MapPost("/brokers/{id:int}/stop", (int id, IServiceProvider services, CancellationToken token) =>
            ChangeBrokerAsync(id, services, (control, broker) => control.StopAsync(broker, token)));
        actions.MapPost("/brokers/{id:int}/start", (int id, IServiceProvider services, CancellationToken token) =>
            ChangeBrokerAsync(id, services, (control, broker) => control.StartAsync(broker, token)));
        return api;
    }

    private static async Task<IResult> StartBurstAsync(
        HttpRequest request, BurstRunner burst, IOptions<DashboardOptions> options, IHostApplicationLifetime lifetime)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync<BurstRequest>(request, request.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var limits = options.Value.Experiments;
        var rate = body?.Rate ?? 10 * limits.CalmRate;
        var seconds = body?.Seconds ?? BurstRequest.DefaultSeconds;
        if (rate < 1 || rate > limits.MaxBurstRate)
        {
            return AdminFieldProblem.Create("rate", $"must be between 1 and {limits.MaxBurstRate} signups per second.");
        }

        if (seconds < 1 || seconds > limits.MaxBurstSeconds)
        {
            return AdminFieldProblem.Create("seconds", $"must be between 1 and {limits.MaxBurstSeconds}.");
        }

        return burst.TryStart(rate, seconds, lifetime.ApplicationStopping)
            ? Results.Accepted(value: burst.Status)
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A burst is running.", detail: "a burst is already running; stop it first");
    }

    private static async Task<IResult> SetMailDelayAsync(
        HttpRequest request, EmailNodeCommands email, MailDelayState state, IOptions<DashboardOptions> options)
    {
        var (body, problem) = await AdminRequestBody.ReadAsync<MailDelayRequest>(request, request.HttpContext.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var max = (int)options.Value.Experiments.MaxMailDelay.TotalMilliseconds;
        if (body?.Milliseconds is not { } milliseconds || milliseconds < 0 || milliseconds > max)
        {
            return AdminFieldProblem.Create("milliseconds", $"is required, between 0 and {max}.");
        }

        return await ApplyMailDelayAsync(milliseconds, email, state, request.HttpContext.RequestAborted);
    }

    private static async Task<IResult> ApplyMailDelayAsync(int milliseconds, EmailNodeCommands email, MailDelayState state, CancellationToken token)
    {
        var failures = await email.SetDeliveryDelayAsync(milliseconds, token);
        if (failures.Count > 0)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status502BadGateway,
                title: "An Email node did not take the delay.",
                detail: string.Join("; ", failures.Select(f => $"{f.Source}: {f.Message}")));
        }

        state.Milliseconds = milliseconds;
        return Results.Ok(new MailDelayRequest(milliseconds));
    }

    private static async Task<IResult> ChangeBrokerAsync(int id, IServiceProvider services, Func<IBrokerControl, int, Task<BrokerChange>> change)
    {
        if (services.GetService<IBrokerControl>() is not { } control)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No broker control.",
                detail: "brokers can be stopped only in the embedded default run, which owns them");
        }

        return await change(control, id) switch
        {
            BrokerChange.Done => Results.Accepted(value: new { brokersDown = control.Down }),
            BrokerChange.UnknownBroker => Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such broker.",
                detail: $"broker {id} does not exist; the brokers are {string.Join(", ", control.BrokerIds)}"),
            _ => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "That is the last broker up.",
                detail: $"stopping broker {id} would leave no broker up"),
        };
    }
}
