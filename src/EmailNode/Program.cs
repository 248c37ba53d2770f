using SignupEmail.EmailNode.Settings;

// For now the node hosts its services only; the partitioned Kafka pipeline and the admin and
// health endpoints are added on top of these.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEmailNode(builder.Configuration);

var app = builder.Build();
await app.RunAsync();
