using System.Globalization;
using System.Text.Json;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// What the handler reads from the app root the Functions host runs it in: the function timeout (host.json) and the
/// queue and storage connection of its queue trigger (the worker's function.json). Reading them, rather than repeating
/// them in settings, keeps the files the one source of truth.
/// </summary>
/// <param name="Path">The app root.</param>
/// <param name="FunctionTimeout">host.json <c>functionTimeout</c>; Flex Consumption's default (30 minutes) when unset or unbounded.</param>
/// <param name="WorkQueueName">The queue the worker function's trigger listens on.</param>
/// <param name="StorageConnection">The name of the connection the trigger uses (<c>AzureWebJobsStorage</c> unless it says otherwise).</param>
internal sealed record FunctionAppRoot(string Path, TimeSpan FunctionTimeout, string WorkQueueName, string StorageConnection)
{
    public static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);
    public const string DefaultConnection = "AzureWebJobsStorage";

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// How long one invocation may run an orchestration before handing over to a continuation: the function timeout less
    /// a margin for the hand-over itself (a fifth of the timeout, at least 30 seconds and at most 5 minutes).
    /// </summary>
    public TimeSpan DefaultInvocationBudget =>
        FunctionTimeout - TimeSpan.FromTicks(Math.Clamp(FunctionTimeout.Ticks / 5, TimeSpan.FromSeconds(30).Ticks, TimeSpan.FromMinutes(5).Ticks));

    /// <summary>The app root: <c>FUNCTIONS_APP_ROOT_PATH</c> as the host sets it, else the working directory (which the host also sets to it).</summary>
    public static string Locate(IConfiguration configuration) =>
        configuration[FunctionLayout.AppRootVariable] is { Length: > 0 } root ? root : Directory.GetCurrentDirectory();

    public static FunctionAppRoot Load(string appRoot)
    {
        var hostJson = System.IO.Path.Combine(appRoot, FunctionLayout.HostJson);
        var workerJson = System.IO.Path.Combine(appRoot, FunctionLayout.WorkerFunction, FunctionLayout.FunctionJson);
        if (!File.Exists(hostJson) || !File.Exists(workerJson))
        {
            throw new InvalidOperationException(
                $"Running under the Functions host, but '{hostJson}' or '{workerJson}' is missing: deploy the package that holds host.json and the function folders.");
        }

        using var host = JsonDocument.Parse(File.ReadAllText(hostJson), Lenient);
        var timeout = host.RootElement.TryGetProperty("functionTimeout", out var t) && t.ValueKind == JsonValueKind.String
            && TimeSpan.TryParse(t.GetString(), CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : DefaultFunctionTimeout;

        using var worker = JsonDocument.Parse(File.ReadAllText(workerJson), Lenient);
        var trigger = worker.RootElement.GetProperty("bindings").EnumerateArray()
            .FirstOrDefault(b => b.TryGetProperty("type", out var type) && string.Equals(type.GetString(), "queueTrigger", StringComparison.OrdinalIgnoreCase));
        if (trigger.ValueKind != JsonValueKind.Object || !trigger.TryGetProperty("queueName", out var queue) || queue.GetString() is not { Length: > 0 } queueName)
        {
            throw new InvalidOperationException($"'{workerJson}' has no queueTrigger binding with a queueName.");
        }

        var connection = trigger.TryGetProperty("connection", out var c) && c.GetString() is { Length: > 0 } named ? named : DefaultConnection;
        return new FunctionAppRoot(appRoot, timeout, queueName, connection);
    }
}
