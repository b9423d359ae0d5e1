using System.ComponentModel;

namespace DurableMcp.Tools.Repositories;

/// <summary>One repository to evaluate: a Git URL, or a bundle (made with <c>git bundle create</c>) in blob storage.</summary>
/// <param name="Url">An https:// or file:// Git URL, without credentials.</param>
/// <param name="Container">The blob container of a bundle.</param>
/// <param name="Blob">The bundle's blob name in <paramref name="Container"/>.</param>
public sealed record RepositorySource(
    [property: Description("An https:// or file:// Git URL (no user name or password in it). Give either 'url' or 'container' and 'blob'.")]
    string? Url = null,
    [property: Description("The blob container holding a Git bundle (made with 'git bundle create'), with 'blob'.")]
    string? Container = null,
    [property: Description("The bundle's blob name in 'container'.")]
    string? Blob = null)
{
    /// <summary>How the repository is named in the status, the table and the ranking: its URL, or <c>blob:{container}/{blob}</c>.</summary>
    public string Describe() => Url ?? $"blob:{Container}/{Blob}";
}
