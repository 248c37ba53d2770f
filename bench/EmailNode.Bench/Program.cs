using SignupEmail.EmailNode.Bench;

// Throughput of the Email node's pipeline (the node's own service registration and Akka.Hosting
// setup, pickup folder and SQLite send log) over N pre-filled user.signed-up records, next to a
// plain Confluent consume loop doing the same per-record work in the same run; the same pipeline
// with SMTP delivery (one record per partition at a time, as before, and pipelined), next to a raw
// MailKit loop with the same connections, against an in-process server or a real one
// (--smtp-server, e.g. Postfix's smtp-sink); and produce → handled latency at a steady rate.
//   [--records 5000] [--rate 200] [--seconds 20] [--smtp true] [--smtp-server host:port] [--smtp-connections 4] [--smtp-records 2000]
// Exit code 0 only if every scenario handled exactly the records it was given, once each.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await EmailBenchmark.RunAsync(options);
