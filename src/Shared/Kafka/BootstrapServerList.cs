using System.Globalization;

namespace SignupEmail.Shared.Kafka;

/// <summary>
/// The one rule both nodes and the launcher apply to a Kafka <c>bootstrap.servers</c> value, so a
/// typo stops the process at start with the key named instead of a client retrying a host that
/// cannot exist.
/// </summary>
public static class BootstrapServerList
{
    /// <summary>
    /// Why <paramref name="servers"/> is not a broker list (<c>host:port[,host:port…]</c>, every port
    /// 1-65535, host a DNS name or an IP address, IPv6 in brackets), or null if it is one.
    /// </summary>
    public static string? Problem(string? servers)
    {
        if (string.IsNullOrWhiteSpace(servers))
        {
            return "is required: the Kafka brokers as host:port, separated by commas.";
        }

        foreach (var entry in servers.Split(','))
        {
            var server = entry.Trim();
            var colon = server.LastIndexOf(':');
            var host = colon > 0 ? server[..colon] : string.Empty;
            if (colon <= 0
                || !int.TryParse(server.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port is < 1 or > 65535
                || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                return $"'{servers}' is not a broker list: '{server}' is not host:port (port 1-65535).";
            }
        }

        return null;
    }
}
