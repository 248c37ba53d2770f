using MimeKit;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// Writes each e-mail as <c>{eventId}.eml</c> into a folder, for a mail pickup service or a human
/// to read. The file is written under a temporary name, fsynced, renamed into place and the folder
/// fsynced, so a reader never sees half a message under the final name and a delivered e-mail
/// survives a crash; a redelivered event replaces its file instead of adding one. The disk work
/// runs on a thread of its own (<see cref="PickupFileWriter"/>), never on the thread pool.
/// </summary>
public sealed partial class PickupFolderMailDelivery : IMailDelivery, IDisposable
{
    /// <summary>Extension of delivered files.</summary>
    public const string Extension = ".eml";

    /// <summary>Extension of files still being written; pickup services must ignore them.</summary>
    public const string TemporaryExtension = ".tmp";

    private readonly ILogger<PickupFolderMailDelivery> _logger;
    private readonly PickupFileWriter _writer;

    /// <summary>Creates the delivery and the folder, if missing.</summary>
    public PickupFolderMailDelivery(string folder, ILogger<PickupFolderMailDelivery> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        _logger = logger;
        Directory.CreateDirectory(Folder);
        _writer = new PickupFileWriter(Folder);
    }

    /// <summary>The thread-owning writer that does the disk work.</summary>
    internal PickupFileWriter Writer => _writer;

    /// <summary>The absolute folder path.</summary>
    public string Folder { get; }

    /// <summary>The file an event's e-mail is delivered to.</summary>
    public string PathFor(Guid eventId) => Path.Combine(Folder, $"{eventId:D}{Extension}");

    /// <inheritdoc />
    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var finalPath = PathFor(mail.EventId);
        // Unique per attempt, so two concurrent deliveries of one event never write the same file;
        // the later rename simply wins. The leading dot hides it from casual listings as well.
        var temporaryPath = Path.Combine(Folder, $".{mail.EventId:D}.{Guid.NewGuid():N}{TemporaryExtension}");
        // Rendering is CPU work and stays here; only the disk work goes to the writer's thread.
        using var buffer = new MemoryStream(16 * 1024);
        await mail.Message.WriteToAsync(FormatOptions.Default, buffer, cancellationToken);
        try
        {
            await _writer.WriteAsync(temporaryPath, finalPath, buffer.ToArray()).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException(
                $"Could not write '{finalPath}': {ex.Message}", DeliveryFailureKind.Transient, null, ex);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var recipient = EmailAddress.Mask(RecipientOf(mail.Message));
            LogDelivered(_logger, mail.EventId, recipient, finalPath);
        }
    }

    /// <summary>Writes what is queued, then stops the writer's thread.</summary>
    public void Dispose() => _writer.Dispose();

    private static string? RecipientOf(MimeMessage message) => message.To.Mailboxes.FirstOrDefault()?.Address;

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcome e-mail for event {EventId} to {Recipient} written to {Path}")]
    private static partial void LogDelivered(ILogger logger, Guid eventId, string recipient, string path);
}
