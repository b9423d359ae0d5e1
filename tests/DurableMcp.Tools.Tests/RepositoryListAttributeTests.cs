using System.ComponentModel.DataAnnotations;
using DurableMcp.Tools.Repositories;
using Microsoft.Extensions.Configuration;

namespace DurableMcp.Tools.Tests;

/// <summary>The repositories of <c>evaluate_repositories</c>, checked before a task exists: every problem named.</summary>
public sealed class RepositoryListAttributeTests
{
    [Fact]
    public void Problems_GoodList_None() =>
        Assert.Empty(RepositoryListAttribute.Problems(
        [
            new RepositorySource(Url: "https://example.com/org/a.git"),
            new RepositorySource(Url: "file:///tmp/repos/b"),
            new RepositorySource(Container: "bundles", Blob: "team/c.bundle"),
        ]));

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public void Problems_TooFewOrTooMany_Named(int count) =>
        Assert.Equal([$"'repositories' must list 1 to 500 repositories, not {count}."],
            RepositoryListAttribute.Problems([.. Enumerable.Range(0, count).Select(i => new RepositorySource(Url: $"https://example.com/r{i}"))]));

    [Fact]
    public void Problems_EveryKindOfMistake_EachNamedWithItsPosition()
    {
        var problems = RepositoryListAttribute.Problems(
        [
            new RepositorySource(Url: "ssh://example.com/a"),
            new RepositorySource(Url: "https://user:secret@example.com/a"),
            new RepositorySource(),
            new RepositorySource(Url: "https://example.com/b", Container: "bundles", Blob: "b.bundle"),
            new RepositorySource(Container: "Bad_Name", Blob: "../x"),
            new RepositorySource(Url: "https://example.com/org/ok"),
            new RepositorySource(Url: "HTTPS://Example.com/org/ok.git/"),
            new RepositorySource(Url: "not a url"),
            new RepositorySource(Url: "/tmp/repos/bare-path"),
        ]);

        Assert.Equal(
        [
            "repositories[0]: 'url' must be an https:// or file:// Git URL, not 'ssh://example.com/a'.",
            "repositories[1]: 'url' must not hold a user name or password (it would be stored with the task): 'https://…@example.com'.",
            "repositories[2]: give either 'url', or 'container' and 'blob' (a Git bundle in blob storage), not neither.",
            "repositories[3]: give either 'url', or 'container' and 'blob' (a Git bundle in blob storage), not both.",
            "repositories[4]: 'container' must be a blob container name (3 to 63 lowercase letters, digits and single hyphens), not 'Bad_Name'.",
            "repositories[4]: 'blob' must be a blob name (1 to 1024 characters, no empty, '.' or '..' segment, not ending in '/' or '.'), not '../x'.",
            "repositories[6] repeats repositories[5] ('HTTPS://Example.com/org/ok.git/').",
            "repositories[7]: 'url' must be an https:// or file:// Git URL, not 'not a url'.",
            "repositories[8]: 'url' must be an https:// or file:// Git URL, not '/tmp/repos/bare-path'.",
        ], problems);
        Assert.DoesNotContain(problems, p => p.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_SameBundleTwice_Named() =>
        Assert.Equal(["repositories[1] repeats repositories[0] ('blob:bundles/a.bundle')."],
            RepositoryListAttribute.Problems([new RepositorySource(Container: "bundles", Blob: "a.bundle"), new RepositorySource(Container: "bundles", Blob: "a.bundle")]));

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void IsValid_FileUrl_OnlyWhereTheServerAllowsIt(string? setting, bool allowed)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(setting is null ? [] : [new(RepositoryListAttribute.AllowFileUrlsSetting, setting)])
            .Build();
        var services = new ServiceProvider(configuration);
        IReadOnlyList<RepositorySource> repositories = [new RepositorySource(Url: "file:///etc/secrets"), new RepositorySource(Url: "https://example.com/a.git")];

        var result = new RepositoryListAttribute().GetValidationResult(repositories, new ValidationContext(repositories, services, null) { MemberName = "repositories" });

        if (allowed)
        {
            Assert.Equal(ValidationResult.Success, result);
        }
        else
        {
            Assert.Contains("repositories[0]: file:// repositories are off on this server", result?.ErrorMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("repositories[1]", result?.ErrorMessage, StringComparison.Ordinal);
        }
    }

    private sealed class ServiceProvider(IConfiguration configuration) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IConfiguration) ? configuration : null;
    }
}
