using Microsoft.Extensions.Options;

namespace SignupEmail.Shared.Hosting.Telemetry;

/// <summary>Checks <see cref="NodeTelemetryOptions"/> at start-up, naming the full key of a bad value.</summary>
/// <param name="section">The options' section, e.g. <c>UserNode:Telemetry</c>.</param>
public sealed class NodeTelemetryOptionsValidator(string section) : IValidateOptions<NodeTelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NodeTelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TraceSampleRatio is >= 0 and <= 1
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{section}:TraceSampleRatio: must be from 0 to 1 (share of new traces kept).");
    }
}
