using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The suite still tests sampling, roots and logging (deprecated by SEP-2577 but part of 2026-07-28): these fixtures use them on purpose.
#pragma warning disable MCP9005

namespace DurableMcp.Conformance;

/// <summary>
/// The diagnostic tools of <c>server-stateless</c> (SEP-2575): a tool that needs a capability the client must declare on
/// the request itself, one that asks a question (its stream must carry only the result, never a server-to-client
/// request), and one that logs (only when the request asked for a log level).
/// </summary>
[McpServerToolType]
internal static class StatelessDiagnosticTools
{
    [McpServerTool(Name = "test_missing_capability"), Description("Needs sampling: -32021 unless this request declares the sampling capability.")]
    public static CallToolResult NeedsSampling(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (InputRequests.DeclaredCapabilities(context.Server, context.Params)?.Sampling is null)
        {
            throw new MissingRequiredClientCapabilityException(
                new ClientCapabilities { Sampling = new SamplingCapability() },
                "test_missing_capability asks the client's model a question: declare the sampling capability in this request's _meta.");
        }

        var answer = InputRequests.Sampling(context.Params?.InputResponses, "question")
            ?? throw new InputRequiredException(new Dictionary<string, InputRequest> { ["question"] = InputRequests.Sample("Say hello.", 20) }, null);
        return new() { Content = [ContentTools.Text($"The model said: {InputRequests.SampledText(answer) ?? "(no text)"}")] };
    }

    [McpServerTool(Name = "test_streaming_elicitation"), Description("Asks a question through MRTR (input_required), never as a request on the response stream.")]
    public static CallToolResult AsksOnTheResult(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (InputRequests.DeclaredCapabilities(context.Server, context.Params)?.Elicitation is null)
        {
            throw new MissingRequiredClientCapabilityException(
                new ClientCapabilities { Elicitation = new ElicitationCapability() },
                "test_streaming_elicitation asks the user a question: declare the elicitation capability in this request's _meta.");
        }

        var answer = InputRequests.Elicitation(context.Params?.InputResponses, "favorite")
            ?? throw new InputRequiredException(new Dictionary<string, InputRequest> { ["favorite"] = InputRequests.ElicitText("What is your favorite word?", "word") }, null);
        return new() { Content = [ContentTools.Text($"Your favorite word: {InputRequests.AcceptedText(answer, "word") ?? "(none)"}")] };
    }

    [McpServerTool(Name = "test_logging_tool"), Description("Logs three messages, only when this request set a log level in _meta.")]
    public static Task<CallToolResult> LogsWhenAskedAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken = default) =>
        ClientLog.RunLoggedStepsAsync(context, cancellationToken);

    [McpServerTool(Name = "test_tool_with_logging"), Description("Logs three messages at info, about 50 ms apart.")]
    public static Task<CallToolResult> LogsStepsAsync(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken = default) =>
        ClientLog.RunLoggedStepsAsync(context, cancellationToken);
}
