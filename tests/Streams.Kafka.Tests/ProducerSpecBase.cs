using Akka.Streams;
using Akka.Streams.TestKit;
using Xunit.Abstractions;

namespace SignupEmail.Streams.Kafka.Tests;

/// <summary>What the producer specs share: one materializer per test, and the stage-leak check after it.</summary>
public abstract class ProducerSpecBase : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected ProducerSpecBase(ITestOutputHelper output)
        : base("akka.loglevel = INFO", output)
    {
        Materializer = Sys.Materializer();
    }

    protected ActorMaterializer Materializer { get; }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // After every test, before the actor system goes: a test that leaves a producer stage running fails.
    Task IAsyncLifetime.DisposeAsync() => this.AssertAllStagesStoppedAsync(() => Task.CompletedTask, Materializer, TimeSpan.FromSeconds(10));
}
