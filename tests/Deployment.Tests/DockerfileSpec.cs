using System.Xml.Linq;

namespace SignupEmail.Deployment.Tests;

/// <summary>
/// The nodes' Dockerfiles: SDK build stage, ASP.NET runtime stage, a non-root user, a restore
/// layer that has every project the node needs, and what the compose health checks call.
/// </summary>
public sealed class DockerfileSpec
{
    /// <summary>Files outside the projects that decide the restore and the build (SDK, versions, analyzers).</summary>
    private static readonly string[] BuildFiles = ["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    public static TheoryData<string> Nodes => [NodeKind.User.Project, NodeKind.Email.Project, NodeKind.Dashboard.Project];

    [Theory]
    [MemberData(nameof(Nodes))]
    public void It_builds_in_the_sdk_image_and_runs_as_non_root_in_the_aspnet_image(string project)
    {
        var problems = StageProblems(Dockerfile.Load($"{project}/Dockerfile"));

        Problems.AssertNone(problems, $"{project}/Dockerfile");
    }

    [Theory]
    [InlineData("USER $APP_UID", "USER root")]
    [InlineData("USER $APP_UID", "")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS runtime")]
    [InlineData("COPY --from=build /app ./", "COPY . ./")]
    public void A_single_stage_or_root_image_is_caught(string from, string to)
    {
        var text = RepositoryFiles.Read(NodeKind.User.Dockerfile);
        Assert.Contains(from, text, StringComparison.Ordinal);

        Assert.NotEmpty(StageProblems(Dockerfile.Parse(text.Replace(from, to, StringComparison.Ordinal))));
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void The_restore_layer_has_the_build_files_and_every_project_the_node_references(string project)
    {
        var problems = RestoreProblems(Dockerfile.Load($"{project}/Dockerfile"), project);

        Problems.AssertNone(problems, $"{project}/Dockerfile");
    }

    [Fact]
    public void A_project_missing_from_the_restore_layer_is_caught()
    {
        var text = RepositoryFiles.Read(NodeKind.Email.Dockerfile);
        const string Line = "COPY src/Streams.Kafka/SignupEmail.Streams.Kafka.csproj src/Streams.Kafka/\n";
        Assert.Contains(Line, text, StringComparison.Ordinal);

        var problems = RestoreProblems(Dockerfile.Parse(text.Replace(Line, string.Empty, StringComparison.Ordinal)), NodeKind.Email.Project);

        Assert.Contains(problems, p => p.Contains("SignupEmail.Streams.Kafka.csproj", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void It_starts_the_nodes_assembly_and_has_curl_for_the_compose_health_check(string project)
    {
        var dockerfile = Dockerfile.Load($"{project}/Dockerfile");
        var runtime = dockerfile.Stages[^1];
        var assembly = Path.GetFileNameWithoutExtension(ProjectFile(project));

        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", runtime.Last(i => i.Keyword == "ENTRYPOINT").Arguments);
        Assert.Contains(runtime, i => i.Keyword == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal) && i.Arguments.Contains(" curl", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Keyword == "ENV" && i.Arguments == "ASPNETCORE_HTTP_PORTS=8080");
    }

    private static List<string> StageProblems(Dockerfile dockerfile)
    {
        var problems = new List<string>();
        if (dockerfile.Stages.Count < 2)
        {
            problems.Add($"{dockerfile.Stages.Count} stage(s): build and runtime must be separate");
            return problems;
        }

        var build = dockerfile.Stages[0][0].Arguments;
        var runtime = dockerfile.Stages[^1];
        if (build != "mcr.microsoft.com/dotnet/sdk:10.0 AS build")
        {
            problems.Add($"the first stage is '{build}', not the .NET 10 SDK named build");
        }

        if (!runtime[0].Arguments.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", StringComparison.Ordinal))
        {
            problems.Add($"the final stage is '{runtime[0].Arguments}', not the ASP.NET Core 10 runtime");
        }

        if (!runtime.Any(i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal)))
        {
            problems.Add("the final stage copies nothing from the build stage");
        }

        var user = runtime.LastOrDefault(i => i.Keyword == "USER").Arguments;
        if (user is not ("$APP_UID" or "app"))
        {
            problems.Add($"the final stage runs as '{user ?? "root (no USER)"}', not the image's non-root user ($APP_UID or app)");
        }

        return problems;
    }

    private static List<string> RestoreProblems(Dockerfile dockerfile, string project)
    {
        var build = dockerfile.Stages[0].ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore ", StringComparison.Ordinal));
        if (restore < 0)
        {
            return ["the build stage has no 'RUN dotnet restore' layer"];
        }

        var copied = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Arguments.Split(' ')[..^1]).ToHashSet(StringComparer.Ordinal);
        var needed = BuildFiles.Concat(ProjectClosure(ProjectFile(project)));
        var problems = needed.Where(file => !copied.Contains(file)).Select(file => $"{file} is not copied before 'dotnet restore'").ToList();

        var publish = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish ", StringComparison.Ordinal));
        var sources = build.Skip(restore).Take(publish < 0 ? 0 : publish - restore).Where(i => i.Keyword == "COPY").Select(i => i.Arguments.Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(ProjectClosure(ProjectFile(project))
            .Select(p => p[..(p.LastIndexOf('/') + 1)])
            .Where(folder => !sources.Contains(folder))
            .Select(folder => $"{folder} is not copied before 'dotnet publish'"));
        if (publish < 0 || !build[publish].Arguments.Contains("-c Release", StringComparison.Ordinal))
        {
            problems.Add("the build stage does not 'dotnet publish … -c Release'");
        }

        return problems;
    }

    /// <summary>The node's project file, repository-relative.</summary>
    private static string ProjectFile(string project) =>
        RepositoryFiles.Relative(Assert.Single(Directory.GetFiles(RepositoryFiles.PathOf(project), "*.csproj")));

    /// <summary>The project and every project it references, transitively, repository-relative.</summary>
    private static IReadOnlySet<string> ProjectClosure(string projectFile)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([projectFile]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(RepositoryFiles.PathOf(current))!;
            foreach (var reference in XDocument.Load(RepositoryFiles.PathOf(current)).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(RepositoryFiles.Relative(Path.GetFullPath(Path.Combine(folder, include))));
            }
        }

        return seen;
    }
}
