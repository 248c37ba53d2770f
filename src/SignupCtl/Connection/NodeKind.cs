namespace SignupEmail.SignupCtl.Connection;

/// <summary>
/// Which node a command talks to, with the flag, environment variable and default address that
/// locate it and the setting that holds its admin key (for messages that say what to fix).
/// </summary>
internal sealed record NodeKind(string Name, string UrlFlag, string UrlVariable, string DefaultUrl, string KeySetting)
{
    public static NodeKind User { get; } =
        new("User node", "--user-node", "SIGNUPCTL_USER_NODE", "http://127.0.0.1:5080", "UserNode:Admin:ApiKey");

    public static NodeKind Email { get; } =
        new("Email node", "--email-node", "SIGNUPCTL_EMAIL_NODE", "http://127.0.0.1:5090", "Email:Admin:ApiKey");

    public const string KeyFlag = "--key";
    public const string KeyVariable = "SIGNUPCTL_KEY";
}
