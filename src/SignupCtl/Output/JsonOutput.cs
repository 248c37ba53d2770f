using SignupEmail.SignupCtl.Connection;
using Spectre.Console;

namespace SignupEmail.SignupCtl.Output;

/// <summary>
/// Writes a node's JSON straight to the console's writer: Spectre's text rendering would wrap long
/// lines at the console width and so break strings in the middle.
/// </summary>
internal static class JsonOutput
{
    public static void WritePretty(IAnsiConsole console, string json) => console.Profile.Out.Writer.WriteLine(AdminJson.Pretty(json));

    public static void WriteCompact(IAnsiConsole console, string json) => console.Profile.Out.Writer.WriteLine(AdminJson.Compact(json));
}
