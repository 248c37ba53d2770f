using SignupEmail.EmailNode.Hosting;
using SignupEmail.Shared.Hosting;

return await NodeProcess.RunAsync(
    "The Email node", () => EmailNodeApplication.Build(WebApplication.CreateBuilder(args)), Console.Error);

/// <summary>The Email node's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
