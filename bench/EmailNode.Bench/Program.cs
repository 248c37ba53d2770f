using SignupEmail.EmailNode.Bench;

// Throughput of the Email node's pipeline (the node's own service registration and Akka.Hosting
// setup, pickup folder and SQLite send log) over N pre-filled user.signed-up records, next to a
// plain Confluent consume loop doing the same per-record work in the same run; the same pipeline
// with SMTP delivery to an in-process server; and produce → handled latency at a steady rate.
//   [--records 5000] [--rate 200] [--seconds 20] [--smtp true]
// Exit code 0 only if every scenario handled exactly the records it was given, once each.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: EmailNode.Bench [--records 5000] [--rate 200] [--seconds 20] [--smtp true]");
    return 2;
}

return await EmailBenchmark.RunAsync(options);
