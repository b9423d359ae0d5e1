using System.ComponentModel.DataAnnotations;
using DurableMcp.Tools.Documents;
using Microsoft.Extensions.Configuration;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// The <c>repositories</c> of <c>evaluate_repositories</c>, checked whole before a task exists: 1 to
/// <see cref="EvaluateRepositoriesTool.MaxRepositories"/> entries, each an https:// or file:// URL without credentials
/// or a container and blob name, none given twice; every problem is named in one answer. file:// URLs read the server's
/// own disk, so they are refused unless the server's settings allow them (<see cref="AllowFileUrlsSetting"/>; on in
/// Development, where tests and local runs evaluate repositories they made).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class RepositoryListAttribute() : ValidationAttribute("'{0}' is not a valid list of repositories.")
{
    /// <summary>The setting that lets callers name file:// repositories (off unless set).</summary>
    public const string AllowFileUrlsSetting = "Repositories:AllowFileUrls";

    private static readonly BlobContainerNameAttribute ContainerRule = new();

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var member = validationContext.MemberName ?? "repositories";
        var allowFileUrls = validationContext.GetService(typeof(IConfiguration)) is IConfiguration configuration
            && bool.TryParse(configuration[AllowFileUrlsSetting], out var allowed) && allowed;
        var problems = Problems(value as IReadOnlyList<RepositorySource>, member, allowFileUrls);
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [member]);
    }

    /// <summary>Every problem of <paramref name="repositories"/>, one sentence each.</summary>
    public static List<string> Problems(IReadOnlyList<RepositorySource>? repositories, string member = "repositories", bool allowFileUrls = true)
    {
        var problems = new List<string>();
        if (repositories is null || repositories.Count is 0 or > EvaluateRepositoriesTool.MaxRepositories)
        {
            problems.Add($"'{member}' must list 1 to {EvaluateRepositoriesTool.MaxRepositories} repositories, not {repositories?.Count ?? 0}.");
            return problems;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < repositories.Count; i++)
        {
            var at = $"{member}[{i}]";
            var source = repositories[i];
            string? key;
            if (source is null)
            {
                problems.Add($"{at} is empty: give 'url', or 'container' and 'blob'.");
                continue;
            }

            if (source.Url is not null == (source.Container is not null || source.Blob is not null))
            {
                problems.Add($"{at}: give either 'url', or 'container' and 'blob' (a Git bundle in blob storage), not {(source.Url is null ? "neither" : "both")}.");
                continue;
            }

            if (source.Url is { } url)
            {
                key = UrlKey(url, at, problems, allowFileUrls);
            }
            else
            {
                key = BundleKey(source, at, problems);
            }

            if (key is null)
            {
                continue;
            }

            if (seen.TryGetValue(key, out var first))
            {
                problems.Add($"{at} repeats {member}[{first}] ('{source.Describe()}').");
            }
            else
            {
                seen[key] = i;
            }
        }

        return problems;
    }

    private static string? UrlKey(string url, string at, List<string> problems, bool allowFileUrls)
    {
        // A bare path parses as a file URI too, but git clones it differently (hard links, no --depth): the scheme must be written.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "file") || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase) ||
            (uri.Scheme == "https" && uri.Host.Length == 0))
        {
            problems.Add($"{at}: 'url' must be an https:// or file:// Git URL, not '{Truncate(url)}'.");
            return null;
        }

        if (uri.Scheme == "file" && !allowFileUrls)
        {
            problems.Add($"{at}: file:// repositories are off on this server (they would read its own disk; {AllowFileUrlsSetting} turns them on): use an https:// URL or a bundle in blob storage.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            problems.Add($"{at}: 'url' must not hold a user name or password (it would be stored with the task): '{uri.Scheme}://…@{uri.Authority}'.");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            problems.Add($"{at}: 'url' must not have a query or a fragment: '{Truncate(url)}'.");
            return null;
        }

        // The same repository written twice: case of scheme and host, a trailing slash or '.git' do not make it another one.
        var path = uri.AbsolutePath.TrimEnd('/');
        path = path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) ? path[..^4] : path;
        return $"{uri.Scheme}://{uri.Authority.ToLowerInvariant()}{path}";
    }

    private static string? BundleKey(RepositorySource source, string at, List<string> problems)
    {
        var before = problems.Count;
        if (!ContainerRule.IsValid(source.Container))
        {
            problems.Add($"{at}: 'container' must be a blob container name (3 to 63 lowercase letters, digits and single hyphens), not '{Truncate(source.Container ?? "")}'.");
        }

        if (source.Blob is not { Length: > 0 and <= 1024 } blob || blob.EndsWith('/') || blob.EndsWith('.') || blob.Any(char.IsControl) ||
            blob.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            problems.Add($"{at}: 'blob' must be a blob name (1 to 1024 characters, no empty, '.' or '..' segment, not ending in '/' or '.'), not '{Truncate(source.Blob ?? "")}'.");
        }

        return problems.Count == before ? $"blob:{source.Container}/{source.Blob}" : null;
    }

    private static string Truncate(string raw) => raw.Length <= 60 ? raw : raw[..60] + "…";
}
