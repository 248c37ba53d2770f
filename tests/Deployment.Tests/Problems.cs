namespace SignupEmail.Deployment.Tests;

/// <summary>Assertions over lists of problems, with every problem in full in the failure message.</summary>
public static class Problems
{
    /// <summary>Fails with all of <paramref name="problems"/>, one per line, when there is any.</summary>
    public static void AssertNone(IEnumerable<string> problems, string what)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            Assert.Fail($"{what}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", list)}");
        }
    }
}
