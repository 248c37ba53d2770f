namespace SignupEmail.DevHost;

/// <summary>The launcher's help text.</summary>
internal static class Usage
{
    public static int Print(TextWriter output, int exitCode)
    {
        output.WriteLine("""
            Usage: dotnet run --project src/DevHost -- <mode> [options]

            Modes:
              kafka [--brokers N]   Start only the embedded Kafka cluster (default 3 brokers) with the
                                    signup topics, print its bootstrap servers and run until Ctrl+C/SIGTERM.

            The script-readable line is:  KAFKA_BOOTSTRAP_SERVERS=<host:port,...>
            """);
        return exitCode;
    }
}
