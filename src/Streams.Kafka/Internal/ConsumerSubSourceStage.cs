using Akka.Streams;
using Akka.Streams.Stage;
using SignupEmail.Streams.Kafka.Messages;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// The source of one assigned partition: emits what the poll loop buffered for it, completes when
/// the partition is revoked or the consumer stops, fails when the consumer fails. Cancelled, it
/// tells the buffer, and the poll loop emits the partition again as a new sub-source.
/// </summary>
internal sealed class ConsumerSubSourceStage<TKey, TValue>(ConsumerPartitionBuffer<TKey, TValue> buffer)
    : GraphStage<SourceShape<CommittableMessage<TKey, TValue>>>
{
    public Outlet<CommittableMessage<TKey, TValue>> Out { get; } = new("kafka.partition.out");

    public override SourceShape<CommittableMessage<TKey, TValue>> Shape => new(Out);

    protected override Attributes InitialAttributes =>
        Attributes.CreateName($"kafkaPartition-{buffer.Partition.Topic}-{buffer.Partition.Partition.Value}");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this, buffer);

    private sealed class Logic : GraphStageLogic
    {
        private readonly Outlet<CommittableMessage<TKey, TValue>> _out;
        private readonly ConsumerPartitionBuffer<TKey, TValue> _buffer;

        public Logic(ConsumerSubSourceStage<TKey, TValue> stage, ConsumerPartitionBuffer<TKey, TValue> buffer)
            : base(stage.Shape)
        {
            _out = stage.Out;
            _buffer = buffer;
            SetHandler(_out, onPull: TryPush, onDownstreamFinish: cause =>
            {
                _buffer.Cancel(failed: cause is not SubscriptionWithCancelException.NonFailureCancellation);
                CompleteStage();
            });
        }

        public override void PreStart()
        {
            _buffer.Attach(GetAsyncCallback(OnChanged));
            OnChanged();
        }

        private void OnChanged()
        {
            if (IsAvailable(_out))
            {
                TryPush();
            }
            else if (_buffer.IsClosed)
            {
                // A closed buffer holds nothing: complete now rather than at the next pull.
                TryPush();
            }
        }

        // Only called with demand, or on a closed (and therefore empty) buffer.
        private void TryPush()
        {
            switch (_buffer.TryTake(out var message, out var failure))
            {
                case ConsumerPartitionBuffer<TKey, TValue>.TakeResult.Record:
                    Push(_out, message!);
                    break;
                case ConsumerPartitionBuffer<TKey, TValue>.TakeResult.Closed when failure is not null:
                    FailStage(failure);
                    break;
                case ConsumerPartitionBuffer<TKey, TValue>.TakeResult.Closed:
                    CompleteStage();
                    break;
                default:
                    break;
            }
        }
    }
}
