using System.Globalization;
using System.Text;

namespace DurableMcp.Bench;

/// <summary>
/// The files of generated repository <c>index</c>, the same for the same index: a main language with 2-24 source files,
/// and each of the things evaluate_repositories checks present or not (tests, CI, licence, README, manifest, build file,
/// a second language, TODO/FIXME density from none to many), so checks and scores differ across repositories.
/// </summary>
internal static class RepositoryBlueprint
{
    private sealed record Language(string Extension, string Comment, string Manifest, string ManifestText, string TestPath, string Build);

    private static readonly Language[] Languages =
    [
        new(".cs", "//", "src/App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n", "tests/App.Tests/{0}Tests.cs", "App.sln"),
        new(".py", "#", "pyproject.toml", "[project]\nname = \"app\"\n", "tests/test_{0}.py", "Makefile"),
        new(".go", "//", "go.mod", "module example.com/app\n\ngo 1.22\n", "{0}_test.go", "Makefile"),
        new(".ts", "//", "package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n", "src/{0}.spec.ts", "Dockerfile"),
        new(".rs", "//", "Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n", "tests/{0}.rs", "justfile"),
        new(".java", "//", "pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>\n", "src/test/java/{0}Test.java", "Dockerfile"),
    ];

    private static readonly string[] CiFiles = [".github/workflows/build.yml", "azure-pipelines.yml", ".gitlab-ci.yml", ".circleci/config.yml", "Jenkinsfile"];

    // TODO/FIXME markers per line of code: none, about 1, about 3 and about 20 per 1,000 lines (score 10, 10 or 5, 5, 0).
    private static readonly double[] MarkerRates = [0, 0.001, 0.003, 0.02];

    /// <summary>Path and content of every file, in a fixed order.</summary>
    public static IReadOnlyList<(string Path, string Content)> Files(int index)
    {
        var random = new Random(index * 7919 + 17);
        var language = Languages[random.Next(Languages.Length)];
        var markerRate = MarkerRates[random.Next(MarkerRates.Length)];
        var files = new List<(string, string)>();
        var sources = random.Next(2, 25);
        for (var i = 0; i < sources; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"Module{i}");
            files.Add(($"src/{name}{language.Extension}", Code(random, language.Comment, random.Next(20, 400), markerRate)));
        }

        if (random.NextDouble() < 0.6)
        {
            for (var i = random.Next(1, 7); i > 0; i--)
            {
                files.Add((string.Format(CultureInfo.InvariantCulture, language.TestPath, $"Module{i}"), Code(random, language.Comment, random.Next(10, 120), 0)));
            }
        }

        if (random.NextDouble() < 0.3)
        {
            files.Add(("scripts/deploy.sh", Code(random, "#", random.Next(10, 80), markerRate)));
        }

        if (random.NextDouble() < 0.55)
        {
            files.Add((CiFiles[random.Next(CiFiles.Length)], "steps:\n  - run: make test\n"));
        }

        if (random.NextDouble() < 0.6)
        {
            files.Add(("LICENSE", "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software.\n"));
        }

        if (random.NextDouble() < 0.8)
        {
            files.Add(("README.md", string.Create(CultureInfo.InvariantCulture, $"# Generated repository {index}\n\nMade by the benchmark.\n")));
        }

        if (random.NextDouble() < 0.75)
        {
            files.Add((language.Manifest, language.ManifestText));
        }

        if (random.NextDouble() < 0.6)
        {
            files.Add((language.Build, "build:\n\techo build\n"));
        }

        return files;
    }

    private static string Code(Random random, string comment, int lines, double markerRate)
    {
        var text = new StringBuilder(lines * 40);
        for (var line = 0; line < lines; line++)
        {
            if (random.NextDouble() < markerRate)
            {
                text.Append(CultureInfo.InvariantCulture, $"{comment} {(random.Next(2) == 0 ? "TODO" : "FIXME")}: revisit step {line}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"value{line} = compute({random.Next(1000)}, value{Math.Max(0, line - 1)}); {comment} step {line}\n");
            }
        }

        return text.ToString();
    }
}
