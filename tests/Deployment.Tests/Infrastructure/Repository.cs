using System.Reflection;
using System.Text.Json.Nodes;

namespace DurableMcp.Deployment.Tests.Infrastructure;

/// <summary>Where the build said the repository and the Bicep CLI are (recorded by the project file).</summary>
internal static class Repository
{
    public static string Root => Metadata("RepositoryRoot", Directory.Exists);

    public static string BicepCli => Metadata("BicepPath", File.Exists);

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A JSON file of the repository, parsed strictly (host.json and the settings sample allow no comments).</summary>
    public static JsonObject ReadJson(params string[] parts)
    {
        var path = PathOf(parts);
        return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidOperationException($"{path} is not a JSON object.");
    }

    private static string Metadata(string key, Func<string, bool> exists) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value && exists(value)
            ? value
            : throw new InvalidOperationException($"'{key}' is not where the build recorded it; build tests/Deployment.Tests first.");
}
