using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>A Function app's configuration files: host.json and, per function folder, its function.json.</summary>
internal sealed class FunctionAppFiles
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private FunctionAppFiles(JsonObject host, IReadOnlyDictionary<string, JsonObject> functions)
    {
        Host = host;
        Functions = functions;
    }

    public JsonObject Host { get; }

    /// <summary>function.json by function name (its folder's name).</summary>
    public IReadOnlyDictionary<string, JsonObject> Functions { get; }

    /// <summary>The files as the repository keeps them: host.json at the root, the function folders under <c>functions/</c>.</summary>
    public static FunctionAppFiles FromRepository() => Load(Repository.PathOf("host.json"), Repository.PathOf("functions"));

    /// <summary>The files of an app root laid out as the Functions host expects: function folders beside host.json.</summary>
    public static FunctionAppFiles FromAppRoot(string appRoot) => Load(Path.Combine(appRoot, "host.json"), appRoot);

    public static JsonObject ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient) as JsonObject ?? throw new InvalidDataException($"{path} is not a JSON object.");

    private static FunctionAppFiles Load(string hostJson, string functionsDirectory)
    {
        var functions = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(functionsDirectory))
        {
            var functionJson = Path.Combine(folder, "function.json");
            if (File.Exists(functionJson))
            {
                functions[Path.GetFileName(folder)] = ReadJson(functionJson);
            }
        }

        return new FunctionAppFiles(ReadJson(hostJson), functions);
    }

    public JsonObject CustomHandler => Host["customHandler"]?.AsObject() ?? throw new InvalidDataException("host.json has no customHandler section.");

    public JsonObject? Queues => Host["extensions"]?["queues"]?.AsObject();

    public string RoutePrefix => Host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";

    public TimeSpan FunctionTimeout => TimeSpan.Parse(Host["functionTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    public TimeSpan QueueSetting(string name, TimeSpan fallback) =>
        Queues?[name] is JsonValue value ? TimeSpan.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture) : fallback;

    public int QueueSetting(string name, int fallback) => Queues?[name] is JsonValue value ? value.GetValue<int>() : fallback;

    /// <summary>The one trigger binding of a function (the binding whose type ends in "Trigger").</summary>
    public JsonObject Trigger(string function) =>
        Functions[function]["bindings"]!.AsArray().Select(b => b!.AsObject())
            .Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The functions whose trigger has the given type.</summary>
    public IEnumerable<string> FunctionsTriggeredBy(string type) =>
        Functions.Keys.Where(f => Trigger(f)["type"]!.GetValue<string>() == type);
}
