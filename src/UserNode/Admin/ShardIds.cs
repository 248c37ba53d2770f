namespace SignupEmail.UserNode.Admin;

/// <summary>Orders shard ids for people to read.</summary>
internal static class ShardIds
{
    // Our ids are numbers as text: by length first, "2" comes before "10" as a reader expects.
    public static IEnumerable<T> InOrder<T>(IEnumerable<T> items, Func<T, string> shardId) =>
        items.OrderBy(item => shardId(item).Length).ThenBy(shardId, StringComparer.Ordinal);
}
