using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.Dashboard.Configuration;

/// <summary>Checks <see cref="DashboardOptions"/> at start; each failure names its configuration key.</summary>
public sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    private const string Prefix = DashboardOptions.Section + ":";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        RequireUrl(failures, Prefix + nameof(DashboardOptions.UserNodeUrl), options.UserNodeUrl);
        if (options.EmailNodeUrls.Count == 0)
        {
            failures.Add($"{Prefix}{nameof(DashboardOptions.EmailNodeUrls)} must list at least one Email node URL.");
        }

        for (var i = 0; i < options.EmailNodeUrls.Count; i++)
        {
            RequireUrl(failures, $"{Prefix}{nameof(DashboardOptions.EmailNodeUrls)}:{i}", options.EmailNodeUrls[i]);
        }

        var keyName = Prefix + nameof(DashboardOptions.AdminKey);
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            failures.Add($"{keyName} is required: the nodes' admin key, also used to log in to the dashboard.");
        }
        else if (options.AdminKey.Length < AdminKey.MinLength)
        {
            failures.Add($"{keyName} must be at least {AdminKey.MinLength} characters.");
        }

        RequirePositive(failures, nameof(DashboardOptions.RefreshInterval), options.RefreshInterval);
        RequirePositive(failures, nameof(DashboardOptions.ReadTimeout), options.ReadTimeout);
        RequirePositive(failures, nameof(DashboardOptions.LagHistory), options.LagHistory);
        if (options.LagHistory > TimeSpan.Zero && options.LagHistory < options.RefreshInterval)
        {
            failures.Add($"{Prefix}{nameof(DashboardOptions.LagHistory)} must be at least {Prefix}{nameof(DashboardOptions.RefreshInterval)}.");
        }

        var experiments = options.Experiments;
        var experimentsPrefix = Prefix + nameof(DashboardOptions.Experiments) + ":";
        if (experiments.CalmRate < 1)
        {
            failures.Add($"{experimentsPrefix}{nameof(ExperimentsOptions.CalmRate)} must be at least 1 signup per second.");
        }

        if (experiments.MaxBurstRate < 1)
        {
            failures.Add($"{experimentsPrefix}{nameof(ExperimentsOptions.MaxBurstRate)} must be at least 1 signup per second.");
        }

        if (experiments.MaxBurstSeconds < 1)
        {
            failures.Add($"{experimentsPrefix}{nameof(ExperimentsOptions.MaxBurstSeconds)} must be at least 1.");
        }

        if (experiments.MaxMailDelay < TimeSpan.Zero || experiments.MaxMailDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{experimentsPrefix}{nameof(ExperimentsOptions.MaxMailDelay)} must be between 00:00:00 and 00:01:00 (the Email node's own limit).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireUrl(List<string> failures, string key, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http(s) URL (was '{value}').");
        }
    }

    private static void RequirePositive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{name} must be greater than 00:00:00.");
        }
    }
}
