using Microsoft.Extensions.Options;
using SignupEmail.Dashboard.Configuration;

namespace SignupEmail.Dashboard.Actions;

/// <summary>Every action answers 404 unless <c>Dashboard:Experiments:Enabled</c>: the dashboard is read-only in production.</summary>
internal sealed class ExperimentsFilter(IOptions<DashboardOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        options.Value.Experiments.Enabled
            ? await next(context)
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Experiments are off.",
                detail: "experiments run only in the embedded default run");
}
