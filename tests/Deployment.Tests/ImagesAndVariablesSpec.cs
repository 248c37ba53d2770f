using System.Text.RegularExpressions;

namespace SignupEmail.Deployment.Tests;

/// <summary>Every image of docker-compose.yml is pinned, and every variable has one default.</summary>
public sealed partial class ImagesAndVariablesSpec
{
    private static readonly ComposeFile Compose = ComposeFile.Load();

    [Fact]
    public void Every_pulled_image_is_pinned_to_a_version_tag()
    {
        Problems.AssertNone(UnpinnedImages(Compose), "Images not pinned to a version");
    }

    [Theory]
    [InlineData("rnwood/smtp4dev:3.8.6", "rnwood/smtp4dev:latest")]
    [InlineData("rnwood/smtp4dev:3.8.6", "rnwood/smtp4dev")]
    [InlineData("mssql/server:2022-CU16-ubuntu-22.04\n    restart", "mssql/server:2022-latest\n    restart")]
    public void An_unpinned_image_is_caught(string from, string to)
    {
        Assert.Contains(from, Compose.Text, StringComparison.Ordinal);

        Assert.NotEmpty(UnpinnedImages(ComposeFile.Parse(Compose.Text.Replace(from, to, StringComparison.Ordinal))));
    }

    [Fact]
    public void Every_service_built_here_is_built_from_the_repository_root_as_a_local_image()
    {
        var built = Compose.Services.Values.Where(s => s.Dockerfile is not null).ToList();

        Assert.Equal(4, built.Count);
        Assert.All(built, s => Assert.Equal(".", s.BuildContext));
        Assert.All(built, s => Assert.True(File.Exists(RepositoryFiles.PathOf(s.Dockerfile!)), s.Dockerfile));
    }

    [Fact]
    public void Every_variable_has_a_default_and_the_same_one_wherever_it_is_used()
    {
        var uses = ComposeVariables.Uses(Compose.Text);

        Assert.NotEmpty(uses);
        Problems.AssertNone(
            uses.Where(u => u.Default is null).Select(u => $"${{{u.Name}}} has no default"),
            "Variables without a default");
        Problems.AssertNone(
            uses.GroupBy(u => u.Name).Where(g => g.Select(u => u.Default).Distinct().Count() > 1)
                .Select(g => $"{g.Key}: {string.Join(" / ", g.Select(u => u.Default).Distinct())}"),
            "Variables with different defaults");
    }

    [Fact]
    public void A_variable_without_a_default_or_with_two_defaults_is_caught()
    {
        Assert.Throws<InvalidOperationException>(() => ComposeVariables.Expand("Password=${MSSQL_SA_PASSWORD}"));
        var uses = ComposeVariables.Uses("a: ${X:-one}\nb: ${X:-two}\nc: $$NOT_A_VARIABLE");
        Assert.Equal([new ComposeVariables.Use("X", "one"), new ComposeVariables.Use("X", "two")], uses);
    }

    private static IEnumerable<string> UnpinnedImages(ComposeFile compose) =>
        compose.Services.Values
            .Where(s => s.Dockerfile is null)
            .Where(s => s.Image is null || !PinnedTag().IsMatch(s.Image) || s.Image.EndsWith(":latest", StringComparison.Ordinal) || s.Image.Contains("-latest", StringComparison.Ordinal))
            .Select(s => $"{s.Name}: '{s.Image}'");

    // A tag that starts with a version number: 4.1.1, 3.8.6, 2022-CU16-ubuntu-22.04, v2.55.1.
    [GeneratedRegex(@"^[a-z0-9./-]+:v?\d[\w.-]*$")]
    private static partial Regex PinnedTag();
}
