using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using SignupEmail.UserNode.Users;

namespace SignupEmail.Signup.Bench.Baseline;

/// <summary>
/// The bare minimal API the node is compared with: same request, same validation work in spirit,
/// same password hasher at the same cost, same user id derivation, one INSERT of the same row.
/// No actors, no journal, no rate limiter. Runs as its own process (<c>baseline-server</c>), like the node.
/// </summary>
internal static class BaselineServer
{
    public const string Command = "baseline-server";

    /// <summary><c>baseline-server --provider sqlite|postgres --connection-string CS --iterations N --port P</c>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            settings[args[i]] = args[i + 1];
        }

        var store = new BaselineStore(settings["--provider"], settings["--connection-string"]);
        await store.CreateTableAsync();
        var iterations = int.Parse(settings["--iterations"], CultureInfo.InvariantCulture);
        var port = int.Parse(settings["--port"], CultureInfo.InvariantCulture);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<PasswordHasherOptions>(hasher =>
        {
            hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hasher.IterationCount = iterations;
        });
        builder.Services.AddSingleton<IPasswordHasher<BaselineUser>, PasswordHasher<BaselineUser>>();

        var app = builder.Build();
        app.MapGet("/health", () => Results.Text("ok"));
        app.MapPost("/api/users", RegisterAsync);
        await app.RunAsync();
        return 0;
    }

    private static async Task<IResult> RegisterAsync(
        HttpRequest request,
        BaselineStore store,
        IPasswordHasher<BaselineUser> hasher,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var body = await request.ReadFromJsonAsync<BaselineSignup>(cancellationToken);
        var email = body?.Email?.Trim();
        var name = body?.Name?.Trim();
        var password = body?.Password;
        if (email is not { Length: > 2 and <= 254 } || email.Count(c => c == '@') != 1
            || name is not { Length: >= 1 and <= 100 } || name.Any(char.IsControl)
            || password is not { Length: >= 8 and <= 128 })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["is invalid."] });
        }

        var locale = body!.Locale ?? (request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ko");
        var normalized = email.ToLowerInvariant();
        var userId = UserIdentity.FromNormalizedEmail(normalized);
        var user = new BaselineUser(userId, email, normalized, name, locale, hasher.HashPassword(null!, password), clock.GetUtcNow());
        if (!await store.TryInsertAsync(user, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This address is already registered.");
        }

        // No Location, like the node: there is no read of a user by id.
        return Results.Created(
            (string?)null,
            new { userId, email = user.Email, name = user.Name, locale = user.Locale, registeredAt = user.RegisteredAt });
    }
}
