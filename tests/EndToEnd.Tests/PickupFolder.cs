using MimeKit;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>The Email nodes' shared pickup folder: one <c>{eventId}.eml</c> per event.</summary>
internal sealed class PickupFolder(string path)
{
    public string Path { get; } = path;

    /// <summary>Delivered files (files still being written have another extension).</summary>
    public int Count() => Directory.Exists(Path) ? Directory.EnumerateFiles(Path, "*.eml").Count() : 0;

    /// <summary>Every delivered e-mail: the event id its file is named by, and its recipients.</summary>
    public async Task<IReadOnlyList<DeliveredEmail>> ReadAllAsync()
    {
        var emails = new List<DeliveredEmail>();
        foreach (var file in Directory.EnumerateFiles(Path, "*.eml"))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(file);
            Assert.True(Guid.TryParseExact(name, "D", out var eventId), $"pickup file not named by an event id: {file}");
            using var message = await MimeMessage.LoadAsync(file);
            emails.Add(new DeliveredEmail(eventId, [.. message.To.Mailboxes.Select(m => m.Address)]));
        }

        return emails;
    }
}
