using System.Reflection;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// Where the tests write what a person looks at afterwards: the screenshots of each step under
/// test.sh's results folder, and the README's screenshot under <c>docs/images</c>.
/// </summary>
internal static class RepositoryFolders
{
    /// <summary>Set to 1 to let the scenario test replace the README's screenshot.</summary>
    public const string UpdateReadmeScreenshotVariable = "SIGNUPEMAIL_UPDATE_README_SCREENSHOT";

    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The repository the tests were built from.</summary>
    public static string Root => RootFolder.Value;

    /// <summary><c>artifacts/test-results/dashboard-screenshots</c>: kept with the test results.</summary>
    public static string Screenshots => Path.Combine(Root, "artifacts", "test-results", "dashboard-screenshots");

    /// <summary>The image the README's Dashboard section shows.</summary>
    public static string ReadmeScreenshot => Path.Combine(Root, "docs", "images", "dashboard.png");

    /// <summary>Whether this run should replace <see cref="ReadmeScreenshot"/>.</summary>
    public static bool UpdateReadmeScreenshot => Environment.GetEnvironmentVariable(UpdateReadmeScreenshotVariable) == "1";

    private static string FindRoot()
    {
        var root = typeof(RepositoryFolders).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        return root is not null && File.Exists(Path.Combine(root, "SignupEmail.sln"))
            ? root
            : throw new InvalidOperationException($"The RepositoryRoot metadata ('{root}') is not a folder with SignupEmail.sln.");
    }
}
