using System.Reflection;

namespace SignupEmail.Deployment.Tests;

/// <summary>Files of the repository the tests were built from (recorded as assembly metadata <c>RepositoryRoot</c>).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>The full path of <paramref name="relativePath"/> (forward slashes) under the root.</summary>
    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>The text of a file under the root.</summary>
    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>A full path under the root as a repository-relative path with forward slashes.</summary>
    public static string Relative(string fullPath) =>
        Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        var root = typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        return root is not null && File.Exists(Path.Combine(root, "SignupEmail.sln"))
            ? root
            : throw new InvalidOperationException($"The RepositoryRoot metadata ('{root}') is not a folder with SignupEmail.sln.");
    }
}
