using Xunit.Abstractions;
using Xunit.Sdk;

namespace SignupEmail.Dashboard.BrowserTests;

/// <summary>
/// Runs a class's tests in the order of their <see cref="SceneAttribute"/>. The browser tests share
/// one launcher (starting one takes long), and one of them leaves a trace a test before it must not
/// see: the mock cluster never moves a partition's leadership back after a broker stop, so the test
/// of the initial spread of leaders comes first. Each test still passes when run alone.
/// </summary>
public sealed class SceneOrder : ITestCaseOrderer
{
    /// <summary>The name to use in <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string TypeName = "SignupEmail.Dashboard.BrowserTests.SceneOrder";

    /// <summary>The assembly to use in <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string AssemblyName = "SignupEmail.Dashboard.BrowserTests";

    /// <inheritdoc />
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => Number(testCase)).ThenBy(testCase => testCase.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int Number(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(SceneAttribute).AssemblyQualifiedName)
            .Select(attribute => (int)attribute.GetConstructorArguments().Single())
            .DefaultIfEmpty(int.MaxValue)
            .First();
}
