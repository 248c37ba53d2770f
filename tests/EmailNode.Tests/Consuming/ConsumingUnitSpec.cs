using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using SignupEmail.EmailNode.Consuming;
using SignupEmail.EmailNode.DeadLetters;
using SignupEmail.EmailNode.Delivery;

namespace SignupEmail.EmailNode.Tests.Consuming;

public sealed class ConsumingUnitSpec
{
    private static ConsumingOptions Valid => new() { BootstrapServers = "127.0.0.1:9092,kafka-2.internal:9093" };

    [Fact]
    public void A_valid_configuration_has_no_errors()
    {
        Assert.Empty(ConsumingOptionsValidator.Errors(Valid));
    }

    [Theory]
    [InlineData("", "Email:Kafka:BootstrapServers is required")]
    [InlineData("kafka", "Email:Kafka:BootstrapServers 'kafka' is not a broker list")]
    [InlineData("kafka:0", "Email:Kafka:BootstrapServers")]
    [InlineData("kafka:99999", "Email:Kafka:BootstrapServers")]
    [InlineData("a:1,,b:2", "Email:Kafka:BootstrapServers")]
    public void Bad_bootstrap_servers_are_named(string servers, string expected)
    {
        var error = Assert.Single(ConsumingOptionsValidator.Errors(Valid with { BootstrapServers = servers }));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_named_by_its_key()
    {
        var errors = ConsumingOptionsValidator.Errors(Valid with
        {
            GroupId = " ",
            DeadLetterTopic = Valid.Topic,
            MaxPartitions = 0,
            HandlerThreads = -1,
            KafkaProperties = new() { ["group.id"] = "x" },
            Retry = new RetryOptions { MinBackoff = TimeSpan.Zero, RandomFactor = 2, TransientMaxAttempts = -1, UnknownMaxAttempts = 0 },
            CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 0, ResetTimeout = TimeSpan.Zero },
            DrainTimeout = TimeSpan.Zero,
        });

        foreach (var key in new[] { "GroupId", "DeadLetterTopic", "MaxPartitions", "HandlerThreads", "KafkaProperties:group.id", "Retry:MinBackoff", "Retry:RandomFactor", "Retry:TransientMaxAttempts", "Retry:UnknownMaxAttempts", "CircuitBreaker:MaxFailures", "CircuitBreaker:ResetTimeout", "DrainTimeout" })
        {
            Assert.Contains(errors, e => e.StartsWith($"Email:Kafka:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Backoff_doubles_from_the_minimum_up_to_the_maximum_with_bounded_jitter()
    {
        var retry = new RetryOptions { MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1), RandomFactor = 0.5 };

        Assert.Equal(TimeSpan.FromMilliseconds(100), retry.BackoffAfter(1, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), retry.BackoffAfter(2, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(800), retry.BackoffAfter(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), retry.BackoffAfter(5, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), retry.BackoffAfter(1000, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(150), retry.BackoffAfter(1, 1));
    }

    [Fact]
    public void The_breaker_opens_after_max_failures_lets_one_probe_through_after_the_reset_timeout_and_closes_on_an_answer()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var breaker = new DeliveryCircuitBreaker(new CircuitBreakerOptions { MaxFailures = 2, ResetTimeout = TimeSpan.FromSeconds(10) }, time, NullLogger<DeliveryCircuitBreaker>.Instance);

        Assert.True(breaker.TryAcquire(out _));
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Closed, breaker.State);
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.False(breaker.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(10), wait);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(breaker.TryAcquire(out _));
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.False(breaker.TryAcquire(out _));

        // The probe failed: open again for a full reset timeout.
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, breaker.State);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(breaker.TryAcquire(out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breaker.TryAcquire(out _));
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(2, breaker.TimesOpened);
    }

    [Fact]
    public void The_breaker_status_tells_its_state_failures_in_a_row_and_when_it_opened()
    {
        var start = new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
        var time = new ManualTimeProvider(start);
        var breaker = new DeliveryCircuitBreaker(new CircuitBreakerOptions { MaxFailures = 2, ResetTimeout = TimeSpan.FromSeconds(10) }, time, NullLogger<DeliveryCircuitBreaker>.Instance);

        Assert.Equal(new CircuitStatus(CircuitState.Closed, 0, null), breaker.Status);
        breaker.RecordFailure();
        Assert.Equal(new CircuitStatus(CircuitState.Closed, 1, null), breaker.Status);
        time.Advance(TimeSpan.FromSeconds(3));
        breaker.RecordFailure();
        Assert.Equal(new CircuitStatus(CircuitState.Open, 2, start.AddSeconds(3)), breaker.Status);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(breaker.TryAcquire(out _));
        Assert.Equal(new CircuitStatus(CircuitState.HalfOpen, 2, start.AddSeconds(3)), breaker.Status);
        breaker.RecordSuccess();
        Assert.Equal(new CircuitStatus(CircuitState.Closed, 0, null), breaker.Status);
    }

    [Fact]
    public void Known_transient_failures_are_told_apart_from_unknown_ones()
    {
        Assert.True(FailureClassifier.IsKnownTransient(new MailDeliveryException("451")));
        Assert.True(FailureClassifier.IsKnownTransient(new CircuitOpenException(TimeSpan.FromSeconds(1))));
        Assert.True(FailureClassifier.IsKnownTransient(new InvalidOperationException("wrapped", new TimeoutException())));
        Assert.False(FailureClassifier.IsKnownTransient(new MailDeliveryException("550", DeliveryFailureKind.Permanent, 550, null)));
        Assert.False(FailureClassifier.IsKnownTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public void A_dead_letter_record_keeps_the_original_and_replaces_earlier_dlt_headers()
    {
        var source = new ConsumeResult<byte[], byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset("user.signed-up", 2, 41),
            Message = new Message<byte[], byte[]>
            {
                Key = [1],
                Value = [2, 3],
                Timestamp = new Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)),
                Headers = new Headers { { "ce_id", [9] }, { DeadLetterHeaders.Attempts, Encoding.UTF8.GetBytes("7") } },
            },
        };

        var record = DeadLetterRecords.Create(source, "user.signed-up.dlt", "email-service", new DeadLetterFailure("T", new string('x', 5000) + " kim@example.com", 3), DateTimeOffset.UnixEpoch);

        Assert.Equal(new TopicPartition("user.signed-up.dlt", 2), record.TopicPartition);
        Assert.Equal([1], record.Message.Key);
        Assert.Equal([2, 3], record.Message.Value);
        string Text(string name) => Encoding.UTF8.GetString(Assert.Single(record.Message.Headers, h => h.Key == name).GetValueBytes());
        Assert.Equal([9], record.Message.Headers.GetLastBytes("ce_id"));
        Assert.Equal("3", Text(DeadLetterHeaders.Attempts));
        Assert.Equal("41", Text(DeadLetterHeaders.OriginalOffset));
        Assert.Equal("2", Text(DeadLetterHeaders.OriginalPartition));
        Assert.Equal("1700000000000", Text(DeadLetterHeaders.OriginalTimestamp));
        Assert.Equal("1970-01-01T00:00:00.000Z", Text(DeadLetterHeaders.FailedAt));
        Assert.Equal(DeadLetterHeaders.MaxMessageLength, Text(DeadLetterHeaders.ExceptionMessage).Length);
        Assert.DoesNotContain("kim@example.com", DeadLetterRecords.SafeMessage("to kim@example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dead_letter_selections_are_all_or_one_partition_with_an_offset_range()
    {
        Assert.Null(new DeadLetterSelection(All: true).Problem());
        Assert.Null(new DeadLetterSelection(false, 1, 5, 9).Problem());
        Assert.NotNull(new DeadLetterSelection().Problem());
        Assert.NotNull(new DeadLetterSelection(true, 1).Problem());
        Assert.NotNull(new DeadLetterSelection(false, 1, 9, 5).Problem());
        Assert.NotNull(new DeadLetterSelection(false, -1).Problem());
    }
}
