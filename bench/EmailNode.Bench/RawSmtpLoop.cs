using System.Diagnostics;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SignupEmail.EmailNode.Bench;

/// <summary>
/// The SMTP baseline: <c>connections</c> MailKit clients, each connected once and sending its share
/// of pre-rendered messages back to back. No Kafka, no send log, no rendering in the timed part:
/// what the server and the client library allow with that many connections.
/// </summary>
internal static class RawSmtpLoop
{
    public static async Task<TimeSpan> RunAsync(string host, int port, int connections, IReadOnlyList<MimeMessage> messages)
    {
        var clients = new List<SmtpClient>();
        try
        {
            for (var i = 0; i < connections; i++)
            {
                var client = new SmtpClient { Timeout = 30_000 };
                await client.ConnectAsync(host, port, SecureSocketOptions.None);
                clients.Add(client);
            }

            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(clients.Select(async client =>
            {
                for (var n = Interlocked.Increment(ref next); n < messages.Count; n = Interlocked.Increment(ref next))
                {
                    await client.SendAsync(messages[n]);
                }
            }));
            return clock.Elapsed;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisconnectAsync(quit: true);
                client.Dispose();
            }
        }
    }
}
