namespace SignupEmail.DevHost;

/// <summary>The launcher's help text.</summary>
internal static class Usage
{
    public static int Print(TextWriter output, int exitCode)
    {
        output.WriteLine("""
            Usage: dotnet run --project src/DevHost [-- <options>]
                   dotnet run --project src/DevHost -- kafka [--brokers N]

            Without a mode, everything runs in this process: embedded Kafka with the signup topics, a User
            node (SQLite in the data folder) and an Email node (e-mails as .eml files in <data>/mail).
            Options:
              --port N         User node HTTP port (default 5080; 0 picks a free port)
              --email-port N   Email node HTTP port (default 5090; 0 picks a free port)
              --dashboard-port N  dashboard HTTP port (default 5082; 0 picks a free port); printed as DASHBOARD_URL
              --data DIR       data folder (default ./data)
              --brokers N      embedded Kafka brokers, 1-16 (default 3)
            Node settings can also be given as environment variables, e.g. UserNode__Signup__RateLimit__PermitLimit=100.
            Both nodes get one admin key (printed as ADMIN_KEY, for signupctl): UserNode__Admin__ApiKey or
            Email__Admin__ApiKey if set, else a new random key each run.

            kafka [--brokers N]   Start only the embedded Kafka cluster with the signup topics, print its
                                  bootstrap servers and run until Ctrl+C/SIGTERM (for separate node processes).

            Script-readable lines are KEY=value, e.g.  KAFKA_BOOTSTRAP_SERVERS=<host:port,...>
            """);
        return exitCode;
    }
}
