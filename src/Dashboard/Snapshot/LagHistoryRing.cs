namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// The lag of each partition over the last <c>LagHistory</c>: one point per refresh, oldest dropped.
/// Only the refresher writes it (one refresh at a time); readers get copies.
/// </summary>
internal sealed class LagHistoryRing(TimeSpan window)
{
    private readonly Dictionary<int, Queue<long[]>> _points = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a point per partition at <paramref name="at"/> and returns just those points (a stream event's delta).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long[]>> Add(DateTimeOffset at, IEnumerable<GroupPartition> partitions)
    {
        var now = at.ToUnixTimeMilliseconds();
        var oldest = now - (long)window.TotalMilliseconds;
        var added = new Dictionary<string, IReadOnlyList<long[]>>();
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                if (!_points.TryGetValue(partition.Partition, out var points))
                {
                    _points[partition.Partition] = points = new Queue<long[]>();
                }

                var point = new[] { now, partition.Lag };
                points.Enqueue(point);
                added[Key(partition.Partition)] = [point];
            }

            foreach (var points in _points.Values)
            {
                while (points.Count > 0 && points.Peek()[0] < oldest)
                {
                    points.Dequeue();
                }
            }
        }

        return added;
    }

    /// <summary>Every point still in the window, per partition.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long[]>> All()
    {
        lock (_gate)
        {
            return _points.OrderBy(p => p.Key).ToDictionary(p => Key(p.Key), p => (IReadOnlyList<long[]>)[.. p.Value]);
        }
    }

    private static string Key(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
