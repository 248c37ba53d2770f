using Akka.Event;
using Akka.Streams.Stage;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Diagnostics;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using Error = Confluent.Kafka.Error;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Hands records to librdkafka with <see cref="IProducer{TKey, TValue}.Produce(TopicPartition, Message{TKey, TValue}, Action{DeliveryReport{TKey, TValue}})"/>
/// and emits one result per envelope in upstream order.
/// </summary>
/// <remarks>
/// <para>Delivery reports arrive on librdkafka's thread. They complete their <see cref="ProducerInFlight{TKey, TValue, TPassThrough}"/>
/// in place and wake the stage through one async callback; a flag coalesces wake-ups so that a burst
/// of reports costs one message to the stage actor, not one each.</para>
/// <para>At most <c>parallelism</c> envelopes are between pull and emit; a full librdkafka queue
/// stops pulling and retries the interrupted record after <c>queue-full-retry-interval</c>.</para>
/// </remarks>
internal sealed class ProducerStageLogic<TKey, TValue, TPassThrough> : TimerGraphStageLogic
{
    private const string QueueFullRetryTimer = "queue-full-retry";
    private const string FlushTimeoutTimer = "flush-timeout";

    private readonly ProducerStage<TKey, TValue, TPassThrough> _stage;
    private readonly Queue<ProducerInFlight<TKey, TValue, TPassThrough>> _inFlight = new();
    private readonly Action _wakeUp;
    private IProducer<TKey, TValue>? _producer;
    private ProducerInFlight<TKey, TValue, TPassThrough>? _waitingForQueue;
    private Task? _flush;
    private bool _upstreamFinished;
    private int _wakeUpPending;
    private Exception? _deliveryFailure;

    public ProducerStageLogic(ProducerStage<TKey, TValue, TPassThrough> stage)
        : base(stage.Shape)
    {
        _stage = stage;
        _wakeUp = GetAsyncCallback(OnWakeUp);
        SetHandler(stage.In, onPush: OnPush, onUpstreamFinish: OnUpstreamFinish);
        SetHandler(stage.Out, onPull: TryEmit);
    }

    private int Parallelism => _stage.Settings.Parallelism;

    /// <summary>Called on librdkafka's thread when an element's last record was acknowledged.</summary>
    internal void OnDelivered() => WakeUp();

    /// <summary>Called on librdkafka's thread: every error in a report is final (librdkafka already retried).</summary>
    internal void OnDeliveryFailed(Error error, TopicPartition topicPartition)
    {
        Interlocked.CompareExchange(ref _deliveryFailure, new ProducerDeliveryException(error, topicPartition), null);
        WakeUp();
    }

    public override void PreStart()
    {
        try
        {
            _producer = _stage.SharedProducer ?? ProducerClientFactory.Create(_stage.Settings, Log);
        }
        catch (Exception e)
        {
            FailStage(e);
            return;
        }

        // Prefetch like mapAsync: up to parallelism envelopes are produced before the first result is wanted.
        Pull(_stage.In);
    }

    public override void PostStop()
    {
        if (_stage.SharedProducer is null && _producer is { } producer)
        {
            CloseInBackground(producer, _flush, _stage.Settings.CloseTimeout, Log);
        }
    }

    protected override void OnTimer(object timerKey)
    {
        switch (timerKey)
        {
            case QueueFullRetryTimer when _waitingForQueue is { } element:
                _waitingForQueue = null;
                Produce(element);
                break;
            case FlushTimeoutTimer:
                FailStage(new ProducerDeliveryException(
                    new Error(ErrorCode.Local_TimedOut, $"{_inFlight.Count} element(s) still unacknowledged {_stage.Settings.FlushTimeout} after upstream completed (flush-timeout)"),
                    topicPartition: null));
                break;
        }
    }

    private void OnPush()
    {
        var element = new ProducerInFlight<TKey, TValue, TPassThrough>(Grab(_stage.In), this);
        _inFlight.Enqueue(element);
        Produce(element);
    }

    private void Produce(ProducerInFlight<TKey, TValue, TPassThrough> element)
    {
        try
        {
            switch (element.Envelope)
            {
                case ProducerMessageSingle<TKey, TValue, TPassThrough> single when element.NextRecord == 0:
                    KafkaTelemetry.Produce(_producer!, single.Record.TopicPartition, single.Record.Message, element.SingleHandler!);
                    element.NextRecord = 1;
                    break;
                case ProducerMessageMulti<TKey, TValue, TPassThrough> multi:
                    for (; element.NextRecord < multi.Records.Count; element.NextRecord++)
                    {
                        var record = multi.Records[element.NextRecord];
                        KafkaTelemetry.Produce(_producer!, record.TopicPartition, record.Message, element.MultiHandler(element.NextRecord));
                    }

                    break;
            }
        }
        catch (ProduceException<TKey, TValue> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
        {
            // Backpressure from librdkafka: keep the element, stop pulling, offer it again later.
            _waitingForQueue = element;
            ScheduleOnce(QueueFullRetryTimer, _stage.Settings.QueueFullRetryInterval);
            return;
        }
        catch (ProduceException<TKey, TValue> e)
        {
            // Serialization and other local errors: the record can never be produced.
            FailStage(new ProducerDeliveryException(e.Error, e.DeliveryResult?.TopicPartition));
            return;
        }

        TryEmit();
        PullIfRoom();
    }

    private void OnUpstreamFinish()
    {
        _upstreamFinished = true;
        if (CompleteIfDone())
        {
            return;
        }

        // Records lingering in librdkafka's queue go out now instead of after linger.ms. Flush
        // blocks, so it runs off the stage; the timer bounds the wait for the remaining reports.
        var producer = _producer!;
        var timeout = _stage.Settings.FlushTimeout;
        _flush = Task.Run(() => producer.Flush(timeout));
        ScheduleOnce(FlushTimeoutTimer, timeout);
    }

    private void WakeUp()
    {
        if (Interlocked.CompareExchange(ref _wakeUpPending, 1, 0) == 0)
        {
            _wakeUp();
        }
    }

    private void OnWakeUp()
    {
        // Cleared before looking, so a report completing after this line wakes the stage again.
        Interlocked.Exchange(ref _wakeUpPending, 0);
        TryEmit();
    }

    private void TryEmit()
    {
        if (Volatile.Read(ref _deliveryFailure) is { } failure)
        {
            FailStage(failure);
            return;
        }

        if (IsAvailable(_stage.Out) && _inFlight.TryPeek(out var head) && head.IsDone)
        {
            _inFlight.Dequeue();
            Push(_stage.Out, head.ToResult());
            PullIfRoom();
        }

        CompleteIfDone();
    }

    private void PullIfRoom()
    {
        if (_waitingForQueue is null && _inFlight.Count < Parallelism && !_upstreamFinished && !HasBeenPulled(_stage.In))
        {
            Pull(_stage.In);
        }
    }

    private bool CompleteIfDone()
    {
        if (_upstreamFinished && _inFlight.Count == 0 && _waitingForQueue is null)
        {
            CompleteStage();
            return true;
        }

        return false;
    }

    // Disposing a producer can block (librdkafka's destroy), so it never runs on the stage's thread,
    // and waits for a running flush: destroying the handle under it is not safe.
    private static void CloseInBackground(IProducer<TKey, TValue> producer, Task? flush, TimeSpan closeTimeout, ILoggingAdapter log)
    {
        var close = Task.Run(async () =>
        {
            if (flush is not null)
            {
                await flush.ConfigureAwait(false);
            }

            producer.Dispose();
        });
        _ = close.WaitAsync(closeTimeout).ContinueWith(
            t => log.Warning(t.Exception?.GetBaseException(), "Kafka producer {Name} did not close within {Timeout} (close-timeout)", producer.Name, closeTimeout),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }
}
