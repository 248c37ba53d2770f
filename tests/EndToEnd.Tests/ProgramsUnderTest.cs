using System.Reflection;

namespace SignupEmail.EndToEnd.Tests;

/// <summary>
/// Where the built programs are: their paths are recorded into this assembly at build time
/// (<c>RecordProgramsUnderTest</c> in the project file), so default <c>bin/</c> folders and
/// <c>--artifacts-path</c> builds both work. Each program runs from its own output folder, which
/// holds its <c>appsettings.json</c> and, for the Email node, its <c>Templates</c>.
/// </summary>
internal static class ProgramsUnderTest
{
    public static string DevHost => Dll("SignupEmail.DevHost");

    public static string UserNode => Dll("SignupEmail.UserNode");

    public static string EmailNode => Dll("SignupEmail.EmailNode");

    private static string Dll(string name)
    {
        var key = "program:" + name;
        var path = typeof(ProgramsUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value;
        Assert.False(string.IsNullOrEmpty(path), $"The build recorded no path for {name}: see RecordProgramsUnderTest in the test project.");
        Assert.True(File.Exists(path), $"{name} is not built at {path}.");
        return path;
    }
}
