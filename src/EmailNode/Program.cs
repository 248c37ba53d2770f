using Akka.Hosting;
using SignupEmail.EmailNode.Admin;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.Settings;

var builder = WebApplication.CreateBuilder(args);

// Order matters: hosted services start in registration order (send log schema, then the actor
// system, then the pipeline) and stop in reverse (the pipeline drains before the actor system goes).
builder.Services.AddEmailNode(builder.Configuration);
builder.Services.AddAkka(EmailNodeActorSystem.Name, (akka, _) =>
{
    akka.AddEmailNodeHocon()
        .ConfigureLoggers(logging => logging.AddLoggerFactory());
});
builder.Services.AddEmailPipeline(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapEmailNodeAdmin();

await app.RunAsync();

/// <summary>The Email node's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
