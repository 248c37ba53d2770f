using MimeKit;
using SignupEmail.Shared.Contracts;

namespace SignupEmail.EmailNode.Delivery;

/// <summary>
/// Writes each e-mail as <c>{eventId}.eml</c> into a folder, for a mail pickup service or a human
/// to read. The file is written under a temporary name, flushed to disk, then renamed into place,
/// so a reader never sees half a message under the final name; a redelivered event replaces its
/// file instead of adding one.
/// </summary>
public sealed partial class PickupFolderMailDelivery : IMailDelivery
{
    /// <summary>Extension of delivered files.</summary>
    public const string Extension = ".eml";

    /// <summary>Extension of files still being written; pickup services must ignore them.</summary>
    public const string TemporaryExtension = ".tmp";

    private readonly ILogger<PickupFolderMailDelivery> _logger;

    /// <summary>Creates the delivery and the folder, if missing.</summary>
    public PickupFolderMailDelivery(string folder, ILogger<PickupFolderMailDelivery> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
        _logger = logger;
        Directory.CreateDirectory(Folder);
    }

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
        try
        {
            await using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await mail.Message.WriteToAsync(FormatOptions.Default, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                // Durable before it becomes visible: a crash must not leave an empty .eml behind a
                // committed offset.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporaryPath, finalPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporaryPath);
            throw new MailDeliveryException(
                $"Could not write '{finalPath}': {ex.Message}", DeliveryFailureKind.Transient, null, ex);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            var recipient = EmailAddress.Mask(RecipientOf(mail.Message));
            LogDelivered(_logger, mail.EventId, recipient, finalPath);
        }
    }

    private static string? RecipientOf(MimeMessage message) => message.To.Mailboxes.FirstOrDefault()?.Address;

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCleanupFailed(_logger, path, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Welcome e-mail for event {EventId} to {Recipient} written to {Path}")]
    private static partial void LogDelivered(ILogger logger, Guid eventId, string recipient, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove temporary pickup file {Path}")]
    private static partial void LogCleanupFailed(ILogger logger, string path, Exception exception);
}
