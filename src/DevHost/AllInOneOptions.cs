using System.Globalization;

namespace SignupEmail.DevHost;

/// <summary>Command-line options of the default (all-in-one) mode.</summary>
/// <param name="UserPort">HTTP port of the User node (signup API and docs); 0 picks a free one.</param>
/// <param name="EmailPort">HTTP port of the Email node (health and admin); 0 picks a free one.</param>
/// <param name="DataFolder">Where the SQLite files and the e-mails go.</param>
/// <param name="Brokers">Number of embedded Kafka brokers.</param>
/// <param name="DashboardPort">HTTP port of the dashboard; 0 picks a free one.</param>
internal sealed record AllInOneOptions(int UserPort, int EmailPort, string DataFolder, int Brokers, int DashboardPort = AllInOneOptions.DefaultDashboardPort)
{
    public const int DefaultDashboardPort = 5082;

    /// <summary>The defaults: the ports the README uses, <c>./data</c>, three brokers.</summary>
    public static AllInOneOptions Default { get; } = new(5080, 5090, "data", BrokerCountOption.Default);

    /// <summary>Reads <c>--port N --email-port N --dashboard-port N --data DIR --brokers N</c>.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out AllInOneOptions options, out string problem)
    {
        options = Default;
        problem = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            AllInOneOptions? next = args[i] switch
            {
                "--port" when Port(value) is { } port => options with { UserPort = port },
                "--email-port" when Port(value) is { } port => options with { EmailPort = port },
                "--dashboard-port" when Port(value) is { } port => options with { DashboardPort = port },
                "--data" when !string.IsNullOrWhiteSpace(value) => options with { DataFolder = value },
                BrokerCountOption.Name when BrokerCountOption.Parse(value) is { } brokers => options with { Brokers = brokers },
                _ => null,
            };
            if (next is null)
            {
                problem = $"Unknown or invalid option '{args[i]}'" + (value is null ? "." : $" (value '{value}').") +
                    " Options: --port N, --email-port N, --dashboard-port N (0-65535; 0 picks a free port), --data DIR, " + BrokerCountOption.Usage + ".";
                return false;
            }

            options = next;
            i++;
        }

        if (options.UserPort == options.EmailPort && options.UserPort != 0)
        {
            problem = $"--port and --email-port are both {options.UserPort}; the two nodes need different ports.";
            return false;
        }

        if (options.DashboardPort != 0 && (options.DashboardPort == options.UserPort || options.DashboardPort == options.EmailPort))
        {
            problem = $"--dashboard-port is {options.DashboardPort}, the port of a node; the dashboard needs a port of its own.";
            return false;
        }

        return true;
    }

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static int? Port(string? value) => Number(value) is { } port and <= 65535 ? port : null;
}
