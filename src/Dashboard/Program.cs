using SignupEmail.Dashboard.Hosting;
using SignupEmail.Shared.Hosting;

return await NodeProcess.RunAsync(
    "The dashboard", () => DashboardApplication.Build(WebApplication.CreateBuilder(args)), Console.Error);

/// <summary>The dashboard's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
