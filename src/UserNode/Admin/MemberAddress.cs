using Akka.Actor;

namespace SignupEmail.UserNode.Admin;

/// <summary>Reads a cluster member's address as an operator types it.</summary>
internal static class MemberAddress
{
    /// <summary>The problem shown when <see cref="TryParse"/> fails.</summary>
    public const string Expected = "must be a cluster member's address like akka.tcp://signup-user@127.0.0.1:4053 (see GET /admin/cluster).";

    /// <summary>
    /// True when <paramref name="text"/> is a whole remote address: protocol, system, host and port, and
    /// nothing after them (an actor path is not a member).
    /// </summary>
    public static bool TryParse(string? text, out Address address)
    {
        address = Address.AllSystems;
        if (string.IsNullOrWhiteSpace(text) || !ActorPath.TryParseAddress(text.Trim(), out var parsed))
        {
            return false;
        }

        if (parsed.Host is null || parsed.Port is null || !string.Equals(parsed.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        address = parsed;
        return true;
    }
}
