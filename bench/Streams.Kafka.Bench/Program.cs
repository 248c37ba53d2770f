using SignupEmail.Streams.Kafka.Bench;

// Benchmarks of the Kafka stages, each on an embedded Kafka cluster inside this process.
//   producer [records] [rounds]   raw Confluent produce loop vs Producer.FlexiFlow
//   consumer [records] [rounds]   raw Confluent consume-and-commit loop vs committable partitioned source + Committer.Sink
var scenario = args.Length > 0 ? args[0] : "";
switch (scenario)
{
    case "producer":
        var records = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        return await ProducerBenchmark.RunAsync(records, rounds);
    case "consumer":
        return await ConsumerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
    default:
        Console.Error.WriteLine("usage: Streams.Kafka.Bench producer [records] [rounds] | consumer [records] [rounds]");
        return 1;
}
