using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.Shared.Hosting;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.DevHost;

/// <summary>
/// The default mode: embedded Kafka, one User node, one Email node and the dashboard in this process;
/// prints where everything is once a signup would really end as an e-mail, and stops them in order on
/// Ctrl+C/SIGTERM.
/// </summary>
internal static class AllInOneMode
{
    private const string GroupIdKey = "Email:Kafka:GroupId";
    private const string DefaultGroupId = "email-service";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (!AllInOneOptions.TryParse(args, out var options, out var problem))
        {
            await errors.WriteLineAsync(problem);
            return 2;
        }

        var clock = Stopwatch.StartNew();
        using var stop = new ShutdownSignal();
        var dataFolder = Path.GetFullPath(options.DataFolder);
        Directory.CreateDirectory(dataFolder);
        var launcherSettings = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .Build();

        if (!LauncherAdminKey.TryResolve(launcherSettings, out var adminKey, out var keyProblem))
        {
            await errors.WriteLineAsync($"SignupEmail did not start:{Environment.NewLine}{keyProblem}");
            return NodeProcess.StartFailedExitCode;
        }

        using var kafka = SignupKafka.Start(options.Brokers);
        await output.WriteLineAsync(SignupKafka.Describe(options.Brokers));

        WebApplication userNode, emailNode;
        try
        {
            userNode = HostedNodes.BuildUserNode(options, dataFolder, kafka.BootstrapServers, launcherSettings, adminKey);
            emailNode = HostedNodes.BuildEmailNode(options, dataFolder, kafka.BootstrapServers, launcherSettings, adminKey);
        }
        catch (Exception ex)
        {
            await errors.WriteLineAsync($"SignupEmail did not start:{Environment.NewLine}{NodeProcess.Describe(ex)}");
            return NodeProcess.StartFailedExitCode;
        }

        // Made before the Email node joins its group: it places the group's coordinator (see EmbeddedBrokerControl).
        using var brokers = new EmbeddedBrokerControl(kafka, SignupTopics.All, emailNode.Configuration[GroupIdKey] ?? DefaultGroupId);
        await using (userNode)
        await using (emailNode)
        {
            var stoppedByItself = StoppedByItself(userNode, "User node", emailNode, "Email node");
            // Both start at once: the Email node's consumer group join is the longest part of the start.
            var userStart = userNode.StartAsync();
            var emailStart = emailNode.StartAsync();
            try
            {
                await Task.WhenAll(userStart, emailStart);
                await WaitUntilReadyAsync(userNode, emailNode, stop.Requested);
            }
            catch (Exception ex)
            {
                await errors.WriteLineAsync($"SignupEmail did not start:{Environment.NewLine}{NodeProcess.Describe(ex)}");
                // A host whose start failed has nothing to stop (and throws if asked to).
                await StopAsync(userStart.IsCompletedSuccessfully ? userNode : null, emailStart.IsCompletedSuccessfully ? emailNode : null);
                return NodeProcess.StartFailedExitCode;
            }

            // The dashboard comes last: it watches the nodes at the URLs they got (a port 0 is known only now).
            WebApplication dashboard;
            try
            {
                dashboard = HostedNodes.BuildDashboard(options, userNode.Urls.First(), emailNode.Urls.First(), launcherSettings, adminKey, brokers);
                await dashboard.StartAsync();
            }
            catch (Exception ex)
            {
                await errors.WriteLineAsync($"SignupEmail did not start: the dashboard:{Environment.NewLine}{NodeProcess.Describe(ex)}");
                await StopAsync(userNode, emailNode);
                return NodeProcess.StartFailedExitCode;
            }

            await using (dashboard)
            {
                var dashboardStopped = StoppedByItself(dashboard, "dashboard", dashboard, "dashboard");
                if (!stop.Requested.IsCompleted)
                {
                    await ReadyBanner.WriteAsync(output, clock.Elapsed, userNode.Urls.First(), emailNode.Urls.First(), dashboard.Urls.First(),
                        HostedNodes.MailFolder(dataFolder), dataFolder, kafka.BootstrapServers, adminKey);
                }

                var ended = await Task.WhenAny(stop.Requested, stoppedByItself, dashboardStopped);
                var exitCode = 0;
                if (ended != stop.Requested)
                {
                    await errors.WriteLineAsync($"The {await (Task<string>)ended} stopped by itself; stopping everything (see the log above).");
                    exitCode = 1;
                }

                await output.WriteLineAsync("Stopping: the dashboard, the User node, then the Email node, then Kafka.");
                var stopping = Stopwatch.StartNew();
                await dashboard.StopAsync();
                await StopAsync(userNode, emailNode);
                await output.WriteLineAsync($"Stopped in {stopping.Elapsed.TotalSeconds:0.0} s.");
                return exitCode;
            }
        }
    }

    /// <summary>
    /// The User node first: it stops taking signups and its publisher flushes to Kafka; then the Email
    /// node drains what it is sending and commits. Kafka goes last, when the caller disposes it.
    /// </summary>
    private static async Task StopAsync(WebApplication? userNode, WebApplication? emailNode)
    {
        if (userNode is not null)
        {
            await userNode.StopAsync();
        }

        if (emailNode is not null)
        {
            await emailNode.StopAsync();
        }
    }

    /// <summary>Completes with the node's name if either node begins stopping without being asked to.</summary>
    private static Task<string> StoppedByItself(WebApplication first, string firstName, WebApplication second, string secondName)
    {
        var stopped = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        first.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult(firstName));
        second.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult(secondName));
        return stopped.Task;
    }

    /// <summary>
    /// Ready means a signup now ends as an e-mail without waiting: the User node is Up in its cluster
    /// and the Email node's consumer owns every partition of the signup topic.
    /// </summary>
    private static async Task WaitUntilReadyAsync(WebApplication userNode, WebApplication emailNode, Task stopRequested)
    {
        var pipeline = emailNode.Services.GetRequiredService<EmailPipeline>();
        var deadline = Stopwatch.StartNew();
        while (!stopRequested.IsCompleted)
        {
            var user = await ReadinessAsync(userNode);
            var email = await ReadinessAsync(emailNode);
            var partitions = pipeline.AssignedPartitions.Count;
            if (user.Status == HealthStatus.Healthy && email.Status == HealthStatus.Healthy && partitions == SignupTopics.Partitions)
            {
                return;
            }

            if (deadline.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException(
                    $"Not ready after {ReadyTimeout.TotalSeconds:0} s: User node {user.Status}, Email node {email.Status} " +
                    $"with {partitions} of {SignupTopics.Partitions} partitions assigned.");
            }

            await Task.WhenAny(Task.Delay(100), stopRequested);
        }
    }

    private static Task<HealthReport> ReadinessAsync(WebApplication node) =>
        node.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));
}
