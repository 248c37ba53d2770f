using SignupEmail.UserNode.Bench;

// Publish-latency scenarios of the User node: signup sent over HTTP → record read from Kafka by a
// plain consumer, at a steady rate, on an empty journal and on one pre-filled with N events, on
// SQLite and PostgreSQL; then the idle CPU of the node with its publisher running.
//   latency [--rate 200] [--seconds 30] [--prefill 100000] [--idle-seconds 30] [--providers sqlite,postgres]
// PostgreSQL comes from SIGNUPEMAIL_TEST_POSTGRES (as in the tests).
return args is ["latency", .. var rest]
    ? await PublishLatencyBenchmark.RunAsync(BenchOptions.Parse(rest))
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: UserNode.Bench latency [--rate 200] [--seconds 30] [--prefill 100000] [--idle-seconds 30] [--providers sqlite,postgres]");
    return 2;
}
