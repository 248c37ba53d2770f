using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// One envelope between being pulled and being emitted. librdkafka's delivery thread fills it in;
/// the stage reads it only after <see cref="IsDone"/>, which is published with a volatile write.
/// </summary>
internal sealed class ProducerInFlight<TKey, TValue, TPassThrough>
{
    private readonly ProducerStageLogic<TKey, TValue, TPassThrough> _sink;
    private DeliveryResult<TKey, TValue>? _single;
    private readonly DeliveryResult<TKey, TValue>[]? _multi;
    private int _pending;
    private volatile bool _done;

    public ProducerInFlight(ProducerMessageEnvelope<TKey, TValue, TPassThrough> envelope, ProducerStageLogic<TKey, TValue, TPassThrough> sink)
    {
        Envelope = envelope;
        _sink = sink;
        switch (envelope)
        {
            case ProducerMessageSingle<TKey, TValue, TPassThrough>:
                // One cached delegate per element: Confluent needs a handler per Produce call anyway.
                SingleHandler = OnSingleReport;
                break;
            case ProducerMessageMulti<TKey, TValue, TPassThrough> multi when multi.Records.Count > 0:
                _multi = new DeliveryResult<TKey, TValue>[multi.Records.Count];
                _pending = multi.Records.Count;
                break;
            default:
                _done = true;
                break;
        }
    }

    public ProducerMessageEnvelope<TKey, TValue, TPassThrough> Envelope { get; }

    public Action<DeliveryReport<TKey, TValue>>? SingleHandler { get; }

    /// <summary>Index of the next record of a multi envelope to hand to librdkafka (a full queue can interrupt it).</summary>
    public int NextRecord { get; set; }

    public bool IsDone => _done;

    public Action<DeliveryReport<TKey, TValue>> MultiHandler(int index) => report => OnMultiReport(report, index);

    public ProducerMessageResult<TKey, TValue, TPassThrough> ToResult() => Envelope switch
    {
        ProducerMessageSingle<TKey, TValue, TPassThrough> single => new ProducerMessageSingleResult<TKey, TValue, TPassThrough>(single.Record, _single!, single.PassThrough),
        ProducerMessageMulti<TKey, TValue, TPassThrough> multi => new ProducerMessageMultiResult<TKey, TValue, TPassThrough>(_multi ?? [], multi.PassThrough),
        _ => new ProducerMessagePassThroughResult<TKey, TValue, TPassThrough>(Envelope.PassThrough),
    };

    private void OnSingleReport(DeliveryReport<TKey, TValue> report)
    {
        if (report.Error.IsError)
        {
            _sink.OnDeliveryFailed(report.Error, report.TopicPartition);
            return;
        }

        _single = report;
        _done = true;
        _sink.OnDelivered();
    }

    private void OnMultiReport(DeliveryReport<TKey, TValue> report, int index)
    {
        if (report.Error.IsError)
        {
            _sink.OnDeliveryFailed(report.Error, report.TopicPartition);
            return;
        }

        _multi![index] = report;
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            _done = true;
            _sink.OnDelivered();
        }
    }
}
