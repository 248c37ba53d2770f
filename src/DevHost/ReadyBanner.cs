using SignupEmail.UserNode.Hosting;

namespace SignupEmail.DevHost;

/// <summary>
/// What the launcher prints once everything is ready: <c>KEY=value</c> lines that a person can read
/// and a script or test can parse, a signup to paste, and the
/// <c>signupctl</c> command line that inspects this run.
/// </summary>
internal static class ReadyBanner
{
    public const string SignupUrlKey = "SIGNUP_URL";
    public const string ApiDocsUrlKey = "API_DOCS_URL";
    public const string MailFolderKey = "MAIL_FOLDER";
    public const string EmailNodeUrlKey = "EMAIL_NODE_URL";
    public const string BootstrapServersKey = "KAFKA_BOOTSTRAP_SERVERS";
    public const string UserNodeUrlKey = "USER_NODE_URL";
    public const string AdminKeyKey = "ADMIN_KEY";
    public const string DashboardUrlKey = "DASHBOARD_URL";

    public static async Task WriteAsync(
        TextWriter output, TimeSpan elapsed, string userNodeUrl, string emailNodeUrl, string dashboardUrl, string mailFolder, string dataFolder, string bootstrapServers, string adminKey)
    {
        var signupUrl = $"{userNodeUrl}/api/users";
        await output.WriteLineAsync($"SignupEmail is ready ({elapsed.TotalSeconds:0.0} s): embedded Kafka, User node, Email node, dashboard.");
        await output.WriteLineAsync($"{SignupUrlKey}={signupUrl}");
        await output.WriteLineAsync($"{ApiDocsUrlKey}={userNodeUrl}{UserNodeApplication.DocsPath}");
        await output.WriteLineAsync($"{MailFolderKey}={mailFolder}");
        await output.WriteLineAsync($"{EmailNodeUrlKey}={emailNodeUrl}");
        await output.WriteLineAsync($"{BootstrapServersKey}={bootstrapServers}");
        await output.WriteLineAsync($"{UserNodeUrlKey}={userNodeUrl}");
        await output.WriteLineAsync($"{AdminKeyKey}={adminKey}");
        await output.WriteLineAsync($"{DashboardUrlKey}={dashboardUrl.TrimEnd('/')}/");
        await output.WriteLineAsync(
            $"Try: curl -i {signupUrl} -H 'Content-Type: application/json' " +
            "-d '{\"email\":\"minji@example.com\",\"name\":\"김민지\",\"password\":\"correct horse battery\",\"locale\":\"ko\"}'");
        await output.WriteLineAsync(
            $"Then open {Path.Combine(mailFolder, "<eventId>.eml")}. Users and the send log are kept in {dataFolder}; " +
            "Kafka lives in memory and ends with this process. Press Ctrl+C to stop.");
        await output.WriteLineAsync($"Watch: open {dashboardUrl.TrimEnd('/')}/ and log in with the ADMIN_KEY.");
        await output.WriteLineAsync(
            $"Inspect: dotnet run --project src/SignupCtl -- --user-node {userNodeUrl} --email-node {emailNodeUrl} --key {adminKey} cluster show");
        await output.FlushAsync();
    }
}
