using System.Reflection;
using System.Text.Json.Nodes;

namespace DurableMcp.Functions.Tests;

/// <summary>The FunctionApp build output this test run was built with: what the Functions host would load.</summary>
internal static class BuildOutput
{
    public static string Directory { get; } = Path.GetDirectoryName(Metadata("FunctionAppPath"))!;

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static JsonArray FunctionsMetadata => (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "functions.metadata")))!;

    /// <summary>The function named <paramref name="name"/> in functions.metadata.</summary>
    public static JsonObject Function(string name) =>
        FunctionsMetadata.OfType<JsonObject>().SingleOrDefault(f => f["name"]?.GetValue<string>() == name)
        ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function '{name}'.");

    /// <summary>The binding types of a function, in order.</summary>
    public static string[] BindingTypes(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).ToArray();

    private static string Metadata(string key) =>
        typeof(BuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
