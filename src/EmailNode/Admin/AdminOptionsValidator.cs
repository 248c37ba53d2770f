using Microsoft.Extensions.Options;
using SignupEmail.Shared.Hosting.Admin;

namespace SignupEmail.EmailNode.Admin;

/// <summary>Checks <see cref="AdminOptions"/> at start-up, each problem named by its configuration key.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <summary>Longest accepted <see cref="AdminOptions.RequestTimeout"/>: an operator waits, a script may retry.</summary>
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, each starting with the configuration key at fault.</summary>
    public static IReadOnlyList<string> Errors(AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (AdminKey.Problem($"{AdminOptions.SectionName}:ApiKey", options.ApiKey) is { } keyProblem)
        {
            errors.Add(keyProblem);
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > MaxRequestTimeout)
        {
            errors.Add($"{AdminOptions.SectionName}:RequestTimeout {options.RequestTimeout} is out of range (above zero, at most {MaxRequestTimeout}).");
        }

        return errors;
    }
}
