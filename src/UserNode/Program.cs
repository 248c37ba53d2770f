using SignupEmail.Shared.Hosting;
using SignupEmail.UserNode.Hosting;

return await NodeProcess.RunAsync(
    "The User node", () => UserNodeApplication.Build(WebApplication.CreateBuilder(args)), Console.Error);

/// <summary>The User node's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
