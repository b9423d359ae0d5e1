using DurableMcp.Tools.Repositories;

namespace DurableMcp.Tools.Tests;

/// <summary>The declared checks on folders made in the test: what each one finds, and that the same files give the same result.</summary>
public sealed class RepositoryInspectorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("inspector-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void Inspect_WellKeptRepository_FindsEveryCheck()
    {
        Write("README.md", "# app\n");
        Write("LICENSE", "MIT\n");
        Write("app.sln", "\n");
        Write("src/App/App.csproj", "<Project />\n");
        Write("src/App/Program.cs", "class P\n{\n    // TODO: say more\n}\n");
        Write("src/App/Util.cs", "class U\n{\n}");
        Write("tests/App.Tests/ProgramTests.cs", "class T\n{\n}\n");
        Write("web/package.json", "{}\n");
        Write("web/index.ts", "export {};\n");
        Write("web/index.test.ts", "test();\n");
        Write(".github/workflows/ci.yml", "on: push\n");
        Write("azure-pipelines.yml", "steps: []\n");
        Write(".git/config", "ignored: the .git folder is not part of the checkout's files\n");

        var checks = RepositoryInspector.Inspect(_root.FullName);

        Assert.Equal(12, checks.Files);
        Assert.Equal([new LanguageLines("C#", 3, 10), new LanguageLines("TypeScript", 2, 2)], checks.Languages);
        Assert.Equal(12, checks.CodeLines);
        Assert.Equal(2, checks.TestFiles);
        Assert.Equal(["azure-pipelines", "github-actions"], checks.Ci);
        Assert.Equal(("LICENSE", "README.md"), (checks.Licence, checks.Readme));
        Assert.Equal(["src/App/App.csproj", "web/package.json"], checks.Manifests);
        Assert.Equal(["app.sln"], checks.BuildFiles);
        Assert.Equal((1, 83.33), (checks.Todos, checks.TodosPer1000Lines));
        Assert.Equal(90, RepositoryScore.Of(checks)); // all but the TODO density (83 per 1,000 lines)
    }

    [Fact]
    public void Inspect_PythonAndGoConventions_TestsManifestsAndBuildFilesFound()
    {
        Write("pkg/test_parse.py", "def test(): pass\n");
        Write("pyproject.toml", "[project]\n");
        Write("cmd/main.go", "package main\n// FIXME one\n// FIXME two\n");
        Write("cmd/main_test.go", "package main\n");
        Write("go.mod", "module x\n");
        Write("Makefile", "all:\n");
        Write("COPYING.txt", "GPL\n");

        var checks = RepositoryInspector.Inspect(_root.FullName);

        Assert.Equal(2, checks.TestFiles);
        Assert.Equal(["go.mod", "pyproject.toml"], checks.Manifests);
        Assert.Equal(["Makefile"], checks.BuildFiles);
        Assert.Equal("COPYING.txt", checks.Licence);
        Assert.Empty(checks.Ci);
        Assert.Equal(2, checks.Todos);
    }

    [Fact]
    public void Inspect_BinaryAndOversizedCode_CountedAsFilesLinesSkipped()
    {
        Write("a.c", "int main() { return 0; }\n");
        File.WriteAllBytes(Path.Combine(_root.FullName, "b.c"), [1, 0, 2, (byte)'\n']);
        File.WriteAllText(Path.Combine(_root.FullName, "big.js"), new string('x', RepositoryInspector.MaxFileBytes) + "\n");

        var checks = RepositoryInspector.Inspect(_root.FullName);

        Assert.Equal([new LanguageLines("C", 2, 1), new LanguageLines("JavaScript", 1, 0)], checks.Languages);
        Assert.Equal(2, checks.SkippedFiles);
    }

    [Fact]
    public void Inspect_EmptyFolder_NothingFoundScoreZero()
    {
        var checks = RepositoryInspector.Inspect(_root.FullName);

        Assert.Equal((0, 0L, 0.0), (checks.Files, checks.CodeLines, checks.TodosPer1000Lines));
        Assert.Equal(0, RepositoryScore.Of(checks));
    }

    [Fact]
    public void Inspect_SameFilesTwice_SameResult()
    {
        for (var i = 0; i < 30; i++)
        {
            Write($"d{i % 4}/f{i}.py", string.Concat(Enumerable.Repeat("x = 1  # TODO\n", i)));
        }

        var first = RepositoryInspector.Inspect(_root.FullName);
        var second = RepositoryInspector.Inspect(_root.FullName);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(second));
    }

    private void Write(string path, string content)
    {
        var full = Path.Combine(_root.FullName, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}
