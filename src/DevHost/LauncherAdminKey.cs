using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace SignupEmail.DevHost;

/// <summary>
/// The one admin key the launcher sets on both nodes, so one <c>signupctl --key</c> reaches both: the
/// key configured for either node (launcher appsettings.json or <c>UserNode__Admin__ApiKey</c> /
/// <c>Email__Admin__ApiKey</c>), else a new random one per run — a fixed default would be a
/// published password on every machine that runs the launcher.
/// </summary>
internal static class LauncherAdminKey
{
    public const string UserNodeKey = "UserNode:Admin:ApiKey";
    public const string EmailNodeKey = "Email:Admin:ApiKey";

    /// <summary>The key, or a problem naming the settings when the two nodes are configured with different keys.</summary>
    public static bool TryResolve(IConfiguration launcherSettings, out string key, out string problem)
    {
        var settings = new ConfigurationBuilder().AddConfiguration(launcherSettings).AddEnvironmentVariables().Build();
        var user = settings[UserNodeKey];
        var email = settings[EmailNodeKey];
        problem = string.Empty;
        if (!string.IsNullOrEmpty(user) && !string.IsNullOrEmpty(email) && user != email)
        {
            key = string.Empty;
            problem = $"{UserNodeKey} and {EmailNodeKey} differ; the launcher runs both nodes with one admin key: set one of them, or the same value in both.";
            return false;
        }

        key = !string.IsNullOrEmpty(user) ? user : !string.IsNullOrEmpty(email) ? email : Generate();
        return true;
    }

    /// <summary>48 hex characters (192 random bits): shell-safe, nothing to quote.</summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
