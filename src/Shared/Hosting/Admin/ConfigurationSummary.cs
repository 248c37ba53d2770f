using System.Data.Common;
using Microsoft.Extensions.Configuration;

namespace SignupEmail.Shared.Hosting.Admin;

/// <summary>
/// A node's settings as flat <c>Section:Key</c> pairs for the admin API, with every secret masked:
/// values of keys that name a password, key, secret or token, and the password inside a connection string.
/// </summary>
public static class ConfigurationSummary
{
    /// <summary>What a masked value reads as.</summary>
    public const string Mask = "***";

    // A key is secret when its last segment ends with one of these (Password, sasl.password, ApiKey,
    // ClientSecret) or contains one of the next ones anywhere; "PasswordHashIterations" is not a secret.
    private static readonly string[] SecretKeyEndings =
        ["password", "passwd", "pwd", "secret", "token", "apikey", "api-key", "credential", "credentials"];

    private static readonly string[] SecretKeyParts = ["sasl.jaas", "ssl.key", "private"];

    private static readonly string[] ConnectionStringSecretKeys = ["password", "pwd", "passwd"];

    /// <summary>Every value under <paramref name="sections"/> of <paramref name="configuration"/>, sorted by key, secrets masked.</summary>
    public static IReadOnlyDictionary<string, string> Of(IConfiguration configuration, params string[] sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var summary = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    summary[key] = Masked(key, value);
                }
            }
        }

        return summary;
    }

    /// <summary>The value as the admin API shows it.</summary>
    public static string Masked(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (value.Length == 0)
        {
            return value;
        }

        if (SecretKeyEndings.Any(ending => name.EndsWith(ending, StringComparison.OrdinalIgnoreCase))
            || SecretKeyParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
        {
            return Mask;
        }

        return name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase) ? MaskedConnectionString(value) : value;
    }

    private static string MaskedConnectionString(string value)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = value };
        }
        catch (ArgumentException)
        {
            // Unparseable: it may hold anything, so none of it is shown.
            return Mask;
        }

        foreach (var secret in builder.Keys.Cast<string>().Where(k => ConnectionStringSecretKeys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
        {
            builder[secret] = Mask;
        }

        return builder.ConnectionString;
    }
}
