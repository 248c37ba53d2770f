namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>The place of a test in its class's story (see <see cref="SceneOrder"/>).</summary>
/// <param name="number">Lower numbers run first.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SceneAttribute(int number) : Attribute
{
    /// <summary>Lower numbers run first.</summary>
    public int Number { get; } = number;
}
