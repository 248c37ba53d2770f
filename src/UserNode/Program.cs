using Akka.Hosting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using SignupEmail.UserNode.Cluster;
using SignupEmail.UserNode.Configuration;
using SignupEmail.UserNode.Persistence;
using SignupEmail.UserNode.Publishing;
using SignupEmail.UserNode.Signup;
using SignupEmail.UserNode.Users;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddUserNodeOptions(builder.Configuration);
builder.Services.AddAkka(UserNodeActorSystem.Name, (akka, services) =>
{
    var node = services.GetRequiredService<IOptions<UserNodeOptions>>().Value;
    akka.AddUserNodeHocon()
        .ConfigureLoggers(logging => logging.AddLoggerFactory())
        .WithUserNodeCluster(node.Cluster)
        .WithUserJournal(node.Persistence)
        .WithUserEntities(new UserEntitySettings(node.Users.SnapshotEvery), node.Users.NumberOfShards, node.Users.PassivateIdleAfter)
        .WithJournalPublisher(node.Publishing, node.Persistence);
});
builder.Services.AddSignup();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapUserEndpoints();

await app.RunAsync();

/// <summary>The User node's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
