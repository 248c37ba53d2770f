using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;
using Confluent.Kafka;
using SignupEmail.Streams.Kafka.Dsl;
using SignupEmail.Streams.Kafka.Messages;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Emits one sub-source per assigned partition. Each materialization starts its own consumer and
/// poll thread; the materialized <see cref="IControl"/> is that consumer's loop.
/// </summary>
internal sealed class ConsumerPartitionedSourceStage<TKey, TValue>(ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    : GraphStageWithMaterializedValue<SourceShape<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source)>, IControl>
{
    public Outlet<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source)> Out { get; } = new("kafka.partitioned.out");

    public override SourceShape<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source)> Shape => new(Out);

    protected override Attributes InitialAttributes => Attributes.CreateName("kafkaCommittablePartitionedSource");

    public override ILogicAndMaterializedValue<IControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var loop = new ConsumerPollLoop<TKey, TValue>(settings, subscription);
        return new LogicAndMaterializedValue<IControl>(new Logic(this, loop), loop);
    }

    private sealed class Logic : GraphStageLogic, IConsumerListener<TKey, TValue>
    {
        private readonly Outlet<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Source)> _out;
        private readonly ConsumerPollLoop<TKey, TValue> _loop;
        private readonly Queue<ConsumerPartitionBuffer<TKey, TValue>> _pending = new();
        private Action<IReadOnlyList<ConsumerPartitionBuffer<TKey, TValue>>>? _assigned;
        private Action? _stopped;
        private Action<Exception>? _failed;
        private bool _stoppedByControl;

        public Logic(ConsumerPartitionedSourceStage<TKey, TValue> stage, ConsumerPollLoop<TKey, TValue> loop)
            : base(stage.Shape)
        {
            _out = stage.Out;
            _loop = loop;
            SetHandler(_out, onPull: PushNext, onDownstreamFinish: _ =>
            {
                _loop.Shutdown();
                CompleteStage();
            });
        }

        public override void PreStart()
        {
            _assigned = GetAsyncCallback<IReadOnlyList<ConsumerPartitionBuffer<TKey, TValue>>>(buffers =>
            {
                foreach (var buffer in buffers)
                {
                    _pending.Enqueue(buffer);
                }

                if (IsAvailable(_out))
                {
                    PushNext();
                }
            });
            _stopped = GetAsyncCallback(() =>
            {
                _stoppedByControl = true;
                CompleteStage();
            });
            _failed = GetAsyncCallback<Exception>(FailStage);
            _loop.Start(this, Log);
        }

        public override void PostStop()
        {
            // Cancelled or torn down from outside: close the consumer. After Stop() the consumer stays
            // up for the commits still on their way, until Shutdown/DrainAndShutdown.
            if (!_stoppedByControl)
            {
                _loop.Shutdown();
            }
        }

        void IConsumerListener<TKey, TValue>.OnAssigned(IReadOnlyList<ConsumerPartitionBuffer<TKey, TValue>> partitions) => _assigned!(partitions);

        // Revoked buffers are closed; their sub-sources complete and pending ones are skipped in PushNext.
        void IConsumerListener<TKey, TValue>.OnRevoked(IReadOnlyList<TopicPartition> partitions)
        {
        }

        void IConsumerListener<TKey, TValue>.OnStopped() => _stopped!();

        void IConsumerListener<TKey, TValue>.OnFailed(Exception error) => _failed!(error);

        private void PushNext()
        {
            while (_pending.TryDequeue(out var buffer))
            {
                if (buffer.IsClosed)
                {
                    continue;
                }

                Push(_out, (buffer.Partition, Source.FromGraph(new ConsumerSubSourceStage<TKey, TValue>(buffer))));
                return;
            }
        }
    }
}
