using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The suite still tests sampling, roots and logging (deprecated by SEP-2577 but part of 2026-07-28): these fixtures use them on purpose.
#pragma warning disable MCP9005

namespace DurableMcp.Conformance;

/// <summary>
/// Log messages to the client (<c>notifications/message</c>) on the response stream of the request that runs the tool.
/// 2026-07-28 forbids them unless the request sets <c>_meta["io.modelcontextprotocol/logLevel"]</c>; 2025-11-25 lets the
/// server choose while no <c>logging/setLevel</c> reached it, and this stateless server never keeps one between requests.
/// </summary>
internal static class ClientLog
{
    private const string LoggerName = "conformance";
    private const string LogLevelMetaKey = "io.modelcontextprotocol/logLevel";
    private static readonly TimeSpan StepDelay = TimeSpan.FromMilliseconds(50);

    public static async Task<CallToolResult> RunLoggedStepsAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sent = 0;
        string[] steps = ["Tool execution started", "Tool processing data", "Tool execution completed"];
        for (var i = 0; i < steps.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(StepDelay, cancellationToken);
            }

            if (ShouldSend(context, LoggingLevel.Info))
            {
                await context.Server.SendNotificationAsync(
                    NotificationMethods.LoggingMessageNotification,
                    new LoggingMessageNotificationParams { Level = LoggingLevel.Info, Logger = LoggerName, Data = JsonSerializer.SerializeToElement(steps[i], ConformanceJsonContext.Default.String) },
                    cancellationToken: cancellationToken);
                sent++;
            }
        }

        return new() { Content = [ContentTools.Text($"Tool execution completed; {sent} log message(s) sent.")] };
    }

    /// <summary>Whether a message at <paramref name="level"/> may go to the client on this request.</summary>
    public static bool ShouldSend(RequestContext<CallToolRequestParams> context, LoggingLevel level)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsStatelessRevision(context.JsonRpcRequest.Context?.ProtocolVersion))
        {
            // The SDK does not surface the per-request level (McpServer.LoggingLevel stays null), so it is read here.
            return RequestedLevel(context.Params) is { } requested && level >= requested;
        }

        return context.Server.LoggingLevel is not { } set || level >= set;
    }

    /// <summary>The level in <c>_meta["io.modelcontextprotocol/logLevel"]</c>, or null when absent or not a level.</summary>
    public static LoggingLevel? RequestedLevel(RequestParams? parameters) =>
        (parameters?.Meta?[LogLevelMetaKey] as JsonValue)?.TryGetValue<string>(out var name) is true
            ? name switch
            {
                "debug" => LoggingLevel.Debug,
                "info" => LoggingLevel.Info,
                "notice" => LoggingLevel.Notice,
                "warning" => LoggingLevel.Warning,
                "error" => LoggingLevel.Error,
                "critical" => LoggingLevel.Critical,
                "alert" => LoggingLevel.Alert,
                "emergency" => LoggingLevel.Emergency,
                _ => null,
            }
            : null;

    /// <summary>2026-07-28 and later (the stateless core); dates compare as strings.</summary>
    private static bool IsStatelessRevision(string? protocolVersion) =>
        protocolVersion is not null && string.CompareOrdinal(protocolVersion, "2026-07-28") >= 0;
}
