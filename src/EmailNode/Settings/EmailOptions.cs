using SignupEmail.EmailNode.Delivery;
using SignupEmail.EmailNode.SendLog;
using SignupEmail.EmailNode.Templates;

namespace SignupEmail.EmailNode.Settings;

/// <summary>Everything the Email node reads from the <c>Email</c> configuration section.</summary>
public sealed record EmailOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Email";

    /// <summary>Sender of every welcome e-mail, e.g. <c>SignupEmail &lt;welcome@example.com&gt;</c> (<c>Email:From</c>).</summary>
    public string From { get; init; } = string.Empty;

    /// <summary>How mail leaves the node (<c>Email:Delivery</c>).</summary>
    public DeliveryOptions Delivery { get; init; } = new();

    /// <summary>The SMTP server, used when <see cref="DeliveryOptions.Mode"/> is <see cref="DeliveryMode.Smtp"/> (<c>Email:Smtp</c>).</summary>
    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>The pickup folder, used when <see cref="DeliveryOptions.Mode"/> is <see cref="DeliveryMode.Pickup"/> (<c>Email:Pickup</c>).</summary>
    public PickupOptions Pickup { get; init; } = new();

    /// <summary>Where the send log lives (<c>Email:SendLog</c>).</summary>
    public SendLogOptions SendLog { get; init; } = new();

    /// <summary>Where the e-mail templates are read from (<c>Email:Templates</c>).</summary>
    public TemplateOptions Templates { get; init; } = new();

    /// <summary>
    /// Resolves a configured path: absolute paths stay as they are, relative ones are taken from
    /// <paramref name="baseDirectory"/> (the host's content root) rather than the working directory.
    /// </summary>
    public static string ResolvePath(string path, string baseDirectory) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
}
