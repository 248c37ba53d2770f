namespace SignupEmail.Dashboard.Snapshot;

/// <summary>
/// A refresh's snapshot, serialized once for every client: <see cref="Full"/> (the whole lag history,
/// for <c>GET /api/snapshot</c> and a stream's first event) and <see cref="Delta"/> (only the new lag
/// points, for the stream's later events).
/// </summary>
internal sealed record PublishedSnapshot(DashboardSnapshot Snapshot, byte[] Full, byte[] Delta);
