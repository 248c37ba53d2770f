using System.Globalization;
using Microsoft.Extensions.Options;
using SignupEmail.Shared.Kafka;

namespace SignupEmail.EmailNode.Consuming;

/// <summary>
/// Checks <see cref="ConsumingOptions"/> at start-up, so a node with a bad broker list or retry
/// policy fails before it joins the group, with each problem named by its configuration key.
/// </summary>
public sealed class ConsumingOptionsValidator : IValidateOptions<ConsumingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsumingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each starting with the configuration key at fault.</summary>
    public static IReadOnlyList<string> Errors(ConsumingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        void Fail(string key, string problem) => errors.Add($"{ConsumingOptions.SectionName}:{key} {problem}");

        if (!options.Enabled)
        {
            return errors;
        }

        if (BootstrapServerList.Problem(options.BootstrapServers) is { } problem)
        {
            Fail("BootstrapServers", problem);
        }

        RequireName(options.GroupId, "GroupId", Fail);
        RequireName(options.Topic, "Topic", Fail);
        RequireName(options.DeadLetterTopic, "DeadLetterTopic", Fail);
        if (string.Equals(options.Topic, options.DeadLetterTopic, StringComparison.Ordinal))
        {
            Fail("DeadLetterTopic", "must differ from Email:Kafka:Topic.");
        }

        if (options.MaxPartitions is < 1 or > 1024)
        {
            Fail("MaxPartitions", $"{options.MaxPartitions} is out of range (1-1024).");
        }

        if (options.MaxInFlightPerPartition is < 1 or > 1024)
        {
            Fail("MaxInFlightPerPartition", $"{options.MaxInFlightPerPartition} is out of range (1-1024).");
        }

        if (options.HandlerThreads is < 0 or > 64)
        {
            Fail("HandlerThreads", $"{options.HandlerThreads} is out of range (0-64).");
        }

        foreach (var key in options.KafkaProperties.Keys.Where(k => k is "bootstrap.servers" or "group.id"))
        {
            Fail($"KafkaProperties:{key}", $"must not be set here; use Email:Kafka:{(key == "group.id" ? "GroupId" : "BootstrapServers")}.");
        }

        var retry = options.Retry;
        if (retry.MinBackoff <= TimeSpan.Zero)
        {
            Fail("Retry:MinBackoff", $"{retry.MinBackoff} must be above zero.");
        }

        if (retry.MaxBackoff < retry.MinBackoff)
        {
            Fail("Retry:MaxBackoff", $"{retry.MaxBackoff} must not be below Email:Kafka:Retry:MinBackoff ({retry.MinBackoff}).");
        }

        if (retry.RandomFactor is < 0 or > 1 || double.IsNaN(retry.RandomFactor))
        {
            Fail("Retry:RandomFactor", $"{retry.RandomFactor.ToString(CultureInfo.InvariantCulture)} is out of range (0-1).");
        }

        if (retry.TransientMaxAttempts < 0)
        {
            Fail("Retry:TransientMaxAttempts", $"{retry.TransientMaxAttempts} must be 0 (unbounded) or positive.");
        }

        if (retry.UnknownMaxAttempts < 1)
        {
            Fail("Retry:UnknownMaxAttempts", $"{retry.UnknownMaxAttempts} must be at least 1.");
        }

        if (options.CircuitBreaker.MaxFailures < 1)
        {
            Fail("CircuitBreaker:MaxFailures", $"{options.CircuitBreaker.MaxFailures} must be at least 1.");
        }

        if (options.CircuitBreaker.ResetTimeout <= TimeSpan.Zero)
        {
            Fail("CircuitBreaker:ResetTimeout", $"{options.CircuitBreaker.ResetTimeout} must be above zero.");
        }

        if (options.Restart.MinBackoff <= TimeSpan.Zero || options.Restart.MaxBackoff < options.Restart.MinBackoff)
        {
            Fail("Restart:MinBackoff", $"{options.Restart.MinBackoff} must be above zero and at most Email:Kafka:Restart:MaxBackoff ({options.Restart.MaxBackoff}).");
        }

        if (options.DrainTimeout <= TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromMinutes(10))
        {
            Fail("DrainTimeout", $"{options.DrainTimeout} is out of range (above zero, at most 10 minutes).");
        }

        if (options.StartupTimeout <= TimeSpan.Zero || options.StartupTimeout > TimeSpan.FromMinutes(10))
        {
            Fail("StartupTimeout", $"{options.StartupTimeout} is out of range (above zero, at most 10 minutes).");
        }

        return errors;
    }

    private static void RequireName(string value, string key, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            fail(key, "is required.");
        }
        else if (value.Length > 249 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
        {
            fail(key, $"'{value}' is not a valid Kafka name (letters, digits, '.', '_', '-'; at most 249).");
        }
    }
}
