using System.Net;
using System.Net.Sockets;

namespace SignupEmail.UserNode.Tests.Admin;

/// <summary>Free TCP ports on the loopback interface, for nodes whose address order matters.</summary>
internal static class FreePorts
{
    /// <summary>
    /// <paramref name="count"/> distinct free ports, ascending. All listeners are held until every port
    /// is picked, so the operating system cannot hand out the same one twice.
    /// </summary>
    public static int[] Take(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).Order()];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
