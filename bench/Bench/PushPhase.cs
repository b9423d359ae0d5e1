using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// What pushed task status costs and how late it comes (opt-in: <c>--phases push</c>; progress lines only). On one server
/// with its worker on and the product's defaults (<c>McpTasks:StreamPollInterval</c> 1 s):
/// <list type="number">
/// <item>idle: the server's storage requests over the idle window with no stream open (its queue polls and leases);</item>
/// <item>watching: one <c>subscriptions/listen</c> over <see cref="BenchSettings.PushWatchedTasks"/> quiet tasks
/// (<c>classify_documents</c> asking at once, never answered), counted over the same window; less idle, per task and
/// minute, is what watching costs;</item>
/// <item>latency: <see cref="BenchSettings.PushRounds"/> times, a listen on one asking task, answered (decline) through
/// <c>tasks/update</c>; for each later notification, its arrival less the <c>lastUpdatedAt</c> it carries (when Durable
/// Functions recorded that state; same machine, same clock).</item>
/// </list>
/// </summary>
internal static class PushPhase
{
    public static async Task RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        await ResumeProbe.UploadDocumentAsync(bench, cancellationToken);
        await using var tenant = await Tenant.StartAsync(bench, "server (push)", "benchpush", workerEnabled: true, null, cancellationToken);
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var window = bench.Settings.IdleWindow;

        var asking = new List<string>();
        for (var i = 0; i < bench.Settings.PushWatchedTasks; i++)
        {
            asking.Add(await AskAsync(mcp, cancellationToken));
        }

        var idle = await CountAsync(tenant, window, cancellationToken);
        bench.Progress(string.Create(CultureInfo.InvariantCulture, $"push: idle server {idle * 60 / window.TotalSeconds:0} storage requests/min with {asking.Count} tasks waiting, no stream"));

        using (var stream = await ListenAsync(bench.Http, tenant.Server.McpEndpoint, asking, cancellationToken))
        {
            for (var i = 0; i <= asking.Count; i++)
            {
                await stream.NextAsync(cancellationToken); // the acknowledgement, then each task's state
            }

            var watching = await CountAsync(tenant, window, cancellationToken);
            var perTaskMinute = (watching - idle) * 60 / window.TotalSeconds / asking.Count;
            bench.Progress(string.Create(CultureInfo.InvariantCulture,
                $"push: one stream watching {asking.Count} quiet tasks: {perTaskMinute:0.0} storage requests per watched task per minute ({perTaskMinute / 60:0.00}/s) above idle"));
        }

        var delays = new List<double>();
        var phase = new Random(2026);
        for (var round = 0; round < bench.Settings.PushRounds; round++)
        {
            var taskId = await AskAsync(mcp, cancellationToken);
            using var stream = await ListenAsync(bench.Http, tenant.Server.McpEndpoint, [taskId], cancellationToken);
            await stream.NextAsync(cancellationToken);
            var first = await stream.NextAsync(cancellationToken);
            var key = first?["params"]?["inputRequests"]?.AsObject().First().Key ?? throw new InvalidOperationException($"Not asking: {first}");
            // The stream's reads tick once a second from its start: answering at once would always land at the same point
            // of that cycle (and time a constant), so answer at a point spread over one cycle, as a person would.
            await Task.Delay(TimeSpan.FromMilliseconds(phase.Next(0, 1000)), cancellationToken);
            await mcp.UpdateTaskAsync(taskId, key, new JsonObject { ["action"] = "decline" }, cancellationToken);
            while (await stream.NextAsync(cancellationToken) is { } message && message["method"] is not null)
            {
                var arrived = DateTimeOffset.UtcNow;
                var recorded = DateTimeOffset.Parse(message["params"]!["lastUpdatedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                delays.Add((arrived - recorded).TotalMilliseconds);
            }
        }

        var stats = LatencyStats.From(delays);
        bench.Progress(string.Create(CultureInfo.InvariantCulture,
            $"push: status change -> notification p50 {stats.P50:0} ms, p99 {stats.P99:0} ms, max {stats.Max:0} ms over {stats.Count} notifications ({bench.Settings.PushRounds} answered tasks)"));
        foreach (var taskId in asking)
        {
            await tenant.Raw.Client.TerminateInstanceAsync(taskId, "bench done", cancellationToken);
        }
    }

    private static async Task<string> AskAsync(McpTaskClient mcp, CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["container"] = ResumeProbe.Container, ["prefix"] = ResumeProbe.Prefix, ["reviewBelow"] = 1.0, ["answerTimeoutSeconds"] = 3600 };
        var taskId = await mcp.CallToolAsTaskAsync("classify_documents", arguments, cancellationToken);
        await PollCadence.UntilAsync(() => mcp.GetTaskAsync(taskId, cancellationToken), t => McpTaskClient.StatusOf(t) != "working", $"task {taskId} to ask", cancellationToken);
        return taskId;
    }

    private static async Task<double> CountAsync(Tenant tenant, TimeSpan window, CancellationToken cancellationToken)
    {
        var before = tenant.ServerStorage.Snapshot();
        await Task.Delay(window, cancellationToken);
        return tenant.ServerStorage.Snapshot().Minus(before).Total;
    }

    private static async Task<Listen> ListenAsync(HttpClient http, Uri endpoint, IReadOnlyList<string> taskIds, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = "bench",
            ["method"] = "subscriptions/listen",
            ["params"] = new JsonObject
            {
                ["notifications"] = new JsonObject { ["taskIds"] = new JsonArray([.. taskIds.Select(id => (JsonNode)JsonValue.Create(id))]) },
                ["_meta"] = new JsonObject
                {
                    ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
                    ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject { ["extensions"] = new JsonObject { ["io.modelcontextprotocol/tasks"] = new JsonObject() } },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "subscriptions/listen");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return new Listen(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
    }

    /// <summary>A held listen stream read message by message (its <c>data:</c> lines; comments skipped).</summary>
    private sealed class Listen(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public async Task<JsonObject?> NextAsync(CancellationToken cancellationToken)
        {
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0 && data.Length > 0)
                {
                    return JsonNode.Parse(data.ToString()) as JsonObject;
                }

                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line.AsSpan(5).TrimStart(' '));
                }
            }

            return null;
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
