using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Confluent.Kafka;

namespace SignupEmail.Streams.Kafka.Diagnostics;

/// <summary>
/// Spans and metrics of the Kafka stages, after the OpenTelemetry messaging conventions: the
/// producer stages open a <c>send</c> span per record and put its context in the record's
/// <c>traceparent</c> header; <see cref="StartProcess{TKey, TValue}"/> opens the matching
/// <c>process</c> span on the consuming side. Register <see cref="Name"/> as an activity source and
/// a meter with the OpenTelemetry SDK (or any listener) to see them; unobserved, they cost a check.
/// </summary>
/// <remarks>
/// A record that already carries a <c>traceparent</c> (a producer that stored its request's trace
/// with the data, like an outbox) gets its <c>send</c> span as a child of that context, so one trace
/// runs from the request that caused the record to whoever handles it.
/// </remarks>
public static class KafkaTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "SignupEmail.Streams.Kafka";

    /// <summary>The W3C trace context header, as the OpenTelemetry messaging conventions place it on a record.</summary>
    public const string TraceParentHeader = "traceparent";

    private static readonly ActivitySource Source = new(Name, typeof(KafkaTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Meter Meter = new(Name, typeof(KafkaTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> SentMessages = Meter.CreateCounter<long>(
        "messaging.client.sent.messages", "{message}", "Records handed to Kafka and acknowledged or failed (error.type set).");

    private static readonly Histogram<double> SendDuration = Meter.CreateHistogram<double>(
        "messaging.client.operation.duration", "s", "From handing a record to the client to its delivery report.");

    /// <summary>
    /// Opens the <c>process</c> span of <paramref name="record"/>, continuing the trace its
    /// <c>traceparent</c> header names (a root span when it has none), and makes it current. The
    /// caller ends it (dispose) when the record is handled; <c>null</c> when nobody listens or the
    /// sampler dropped it.
    /// </summary>
    /// <param name="record">The consumed record.</param>
    /// <param name="consumerGroup">The consumer group, for <c>messaging.consumer.group.name</c>.</param>
    public static Activity? StartProcess<TKey, TValue>(ConsumeResult<TKey, TValue> record, string? consumerGroup)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = TraceContextOf(record.Message?.Headers);
        var activity = Source.StartActivity($"process {record.Topic}", ActivityKind.Consumer, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("messaging.operation.name", "process");
            activity.SetTag("messaging.destination.name", record.Topic);
            activity.SetTag("messaging.destination.partition.id", record.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag("messaging.kafka.offset", record.Offset.Value);
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
        }

        return activity;
    }

    /// <summary>The trace context in <paramref name="headers"/>' <c>traceparent</c>, or <c>default</c>.</summary>
    public static ActivityContext TraceContextOf(Headers? headers) =>
        headers is not null
        && headers.TryGetLastBytes(TraceParentHeader, out var bytes)
        && ActivityContext.TryParse(Encoding.ASCII.GetString(bytes), null, isRemote: true, out var context)
            ? context
            : default;

    /// <summary>
    /// Produces <paramref name="message"/> inside a <c>send</c> span (its context replaces the
    /// record's <c>traceparent</c>) and records the send metrics when its report arrives.
    /// </summary>
    internal static void Produce<TKey, TValue>(
        IProducer<TKey, TValue> producer, TopicPartition topicPartition, Message<TKey, TValue> message, Action<DeliveryReport<TKey, TValue>> handler)
    {
        if (!Source.HasListeners() && !SentMessages.Enabled && !SendDuration.Enabled)
        {
            producer.Produce(topicPartition, message, handler);
            return;
        }

        var originalTraceParent = message.Headers is { } headers && headers.TryGetLastBytes(TraceParentHeader, out var bytes) ? bytes : null;
        var activity = StartSend(topicPartition.Topic, message, originalTraceParent);
        var started = Stopwatch.GetTimestamp();
        try
        {
            producer.Produce(topicPartition, message, report =>
            {
                Finish(activity, report, started);
                handler(report);
            });
        }
        catch (ProduceException<TKey, TValue>)
        {
            // Not handed over (a full queue is retried later): the record goes out as it came, and
            // this span is dropped, so the retry's span is not the child of one nobody exports.
            if (activity is not null)
            {
                SetTraceParent(message, originalTraceParent);
                activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                activity.IsAllDataRequested = false;
                StopKeepingCurrent(activity);
            }

            throw;
        }
    }

    private static Activity? StartSend<TKey, TValue>(string topic, Message<TKey, TValue> message, byte[]? traceParent)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = traceParent is not null && ActivityContext.TryParse(Encoding.ASCII.GetString(traceParent), null, isRemote: true, out var context)
            ? context
            : default;

        // Started off the stage's ambient context: Activity.Current must not leak into the stage's thread.
        var current = Activity.Current;
        var activity = Source.StartActivity($"send {topic}", ActivityKind.Producer, parent);
        Activity.Current = current;
        if (activity is null)
        {
            return null;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.operation.name", "send");
            activity.SetTag("messaging.destination.name", topic);
        }

        SetTraceParent(message, Encoding.ASCII.GetBytes(activity.Id!));
        return activity;
    }

    private static void Finish<TKey, TValue>(Activity? activity, DeliveryReport<TKey, TValue> report, long started)
    {
        var tags = new TagList
        {
            { "messaging.system", "kafka" },
            { "messaging.operation.name", "send" },
            { "messaging.destination.name", report.Topic },
        };
        if (report.Error.IsError)
        {
            tags.Add("error.type", report.Error.Code.ToString());
        }

        SentMessages.Add(1, tags);
        SendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("messaging.destination.partition.id", report.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (report.Error.IsError)
            {
                activity.SetTag("error.type", report.Error.Code.ToString());
                activity.SetStatus(ActivityStatusCode.Error, report.Error.Reason);
            }
            else
            {
                activity.SetTag("messaging.kafka.offset", report.Offset.Value);
            }
        }

        StopKeepingCurrent(activity);
    }

    // Stop makes the span's predecessor current on the calling thread (librdkafka's): undone.
    private static void StopKeepingCurrent(Activity activity)
    {
        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }

    private static void SetTraceParent<TKey, TValue>(Message<TKey, TValue> message, byte[]? traceParent)
    {
        message.Headers ??= [];
        message.Headers.Remove(TraceParentHeader);
        if (traceParent is not null)
        {
            message.Headers.Add(TraceParentHeader, traceParent);
        }
    }
}
