using SignupEmail.SignupCtl.Commands.Cluster;
using SignupEmail.SignupCtl.Commands.DeadLetters;
using SignupEmail.SignupCtl.Commands.Kafka;
using SignupEmail.SignupCtl.Commands.Mail;
using SignupEmail.SignupCtl.Commands.Node;
using SignupEmail.SignupCtl.Commands.Publisher;
using SignupEmail.SignupCtl.Commands.Sharding;
using SignupEmail.SignupCtl.Connection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace SignupEmail.SignupCtl;

/// <summary>
/// signupctl's command tree and its exit codes: 0 done; 1 the node answered with a problem; 2 a usage
/// error, a node that cannot be reached, or a refused key. Each failure is one line on
/// <c>errors</c>.
/// </summary>
internal static class SignupCtlApp
{
    public const string Name = "signupctl";

    /// <summary>Configures <paramref name="config"/> with every command, talking through <paramref name="clients"/>.</summary>
    public static void Configure(IConfigurator config, AdminClients clients, TextWriter errors)
    {
        config.SetApplicationName(Name);
        config.Settings.Registrar.RegisterInstance(clients);
        config.SetExceptionHandler((exception, _) => Fail(exception, errors));

        config.AddBranch("cluster", cluster =>
        {
            cluster.SetDescription("The User nodes' Akka cluster.");
            cluster.AddCommand<ClusterShowCommand>("show").WithDescription("Members, their status and reachability, the leader.");
            cluster.AddCommand<ClusterLeaveCommand>("leave").WithDescription("Ask a member to leave gracefully.");
            cluster.AddCommand<ClusterDownCommand>("down").WithDescription("Mark a member down (refused for the asked node itself unless --force).");
        });
        config.AddBranch("sharding", sharding =>
        {
            sharding.SetDescription("The users' shard regions.");
            sharding.AddCommand<ShardingRegionsCommand>("regions").WithDescription("The asked node's shards and their entity counts.");
            sharding.AddCommand<ShardingStatsCommand>("stats").WithDescription("Shards and entities of every region in the cluster.");
        });
        config.AddBranch("publisher", publisher =>
        {
            publisher.SetDescription("The journal publisher singleton.");
            publisher.AddCommand<PublisherStatusCommand>("status").WithDescription("Where it runs and how far it published.");
        });
        config.AddBranch("kafka", kafka =>
        {
            kafka.SetDescription("Kafka as the Email node sees it.");
            kafka.AddCommand<KafkaTopicsCommand>("topics").WithDescription("Brokers, and each partition's leader, replicas and ISR.");
            kafka.AddCommand<KafkaLagCommand>("lag").WithDescription("The consumer group's committed offset, end offset and lag per partition.");
        });
        config.AddBranch("dlt", dlt =>
        {
            dlt.SetDescription("The dead-letter topic.");
            dlt.AddCommand<DltListCommand>("list").WithDescription("Dead letters, oldest first, with why they failed.");
            dlt.AddCommand<DltReplayCommand>("replay").WithDescription("Send a dead letter (or all) back to the signup topic.");
        });
        config.AddBranch("mail", mail =>
        {
            mail.SetDescription("The Email node's send log.");
            mail.AddCommand<MailStatusCommand>("status").WithDescription("Was the welcome e-mail sent, when, and its Message-ID.");
        });
        config.AddBranch("node", node =>
        {
            node.SetDescription("Either node.");
            node.AddCommand<NodeInfoCommand>("info").WithDescription("Version, uptime and settings (secrets masked).");
        });
    }

    /// <summary>Width of the tables when the output goes to a file or a pipe rather than a terminal.</summary>
    public const int RedirectedWidth = 240;

    /// <summary>
    /// The console: a terminal's own width; for a file or a pipe (no width to detect) wide enough that
    /// table rows stay whole lines a script can grep, instead of Spectre's 80 columns.
    /// </summary>
    public static IAnsiConsole Console()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings());
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>
    /// Moves the connection options people put first (<c>signupctl --key K cluster show</c>, like
    /// kubectl) behind the command, where Spectre.Console.Cli reads a command's options.
    /// </summary>
    public static IReadOnlyList<string> WithLeadingOptionsLast(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var leading = new List<string>();
        var i = 0;
        while (i < args.Count)
        {
            if (args[i] is "--user-node" or "--email-node" or "--key" && i + 1 < args.Count)
            {
                leading.AddRange([args[i], args[i + 1]]);
                i += 2;
            }
            else if (args[i] == "--json")
            {
                leading.Add(args[i]);
                i++;
            }
            else
            {
                break;
            }
        }

        return [.. args.Skip(i), .. leading];
    }

    private static int Fail(Exception exception, TextWriter errors)
    {
        var (exitCode, message) = exception switch
        {
            SignupCtlFailure failure => (failure.ExitCode, failure.Message),
            CommandAppException usage => (SignupCtlFailure.UsageOrConnection, usage.Message + " (see signupctl --help)"),
            OperationCanceledException => (130, "cancelled."),
            _ => (SignupCtlFailure.OperationFailed, exception.ToString()),
        };
        errors.WriteLine($"{Name}: {message}");
        return exitCode;
    }
}
