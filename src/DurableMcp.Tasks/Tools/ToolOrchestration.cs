using System.Text.Json;
using DurableMcp.Engine;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Adapts a durable tool to an orchestration: the tool's arguments are the input, its <see cref="CallToolResult"/>
/// is the output. A tool's own exception becomes an <c>isError</c> result (as for any MCP tool); a protocol
/// exception becomes a failure carrying its JSON-RPC error code.
/// </summary>
internal static class ToolOrchestration
{
    public static OrchestrationFunction Create(DurableTool tool) => async (context, input, services) =>
    {
        var arguments = new AIFunctionArguments(ToDictionary(input))
        {
            Services = services,
            Context = new Dictionary<object, object?> { [typeof(IOrchestrationContext)] = context },
        };

        CallToolResult result;
        try
        {
            result = ToCallToolResult(await tool.Function.InvokeAsync(arguments, context.CancellationToken));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (McpProtocolException e)
        {
            throw new OrchestrationFailureException(new FailureDetails(nameof(McpProtocolException), e.Message, ((int)e.ErrorCode).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        catch (OrchestrationFailureException)
        {
            throw;
        }
        catch (Exception e)
        {
            result = new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = $"'{tool.Name}' failed: {e.Message}" }],
            };
        }

        return JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>());
    };

    /// <summary>The MCP rendering of a tool's return value: text for strings, JSON text plus structured content for objects.</summary>
    public static CallToolResult ToCallToolResult(object? value)
    {
        switch (value)
        {
            case CallToolResult result:
                return result;
            case null:
                return new CallToolResult { Content = [] };
            case string text:
                return new CallToolResult { Content = [new TextContentBlock { Text = text }] };
            default:
                var json = value is JsonElement element ? element : JsonSerializer.SerializeToElement(value, value.GetType(), McpJsonUtilities.DefaultOptions);
                if (json.ValueKind == JsonValueKind.String)
                {
                    return new CallToolResult { Content = [new TextContentBlock { Text = json.GetString()! }] };
                }

                return new CallToolResult
                {
                    Content = [new TextContentBlock { Text = json.GetRawText() }],
                    StructuredContent = json.ValueKind == JsonValueKind.Object ? json : null,
                };
        }
    }

    private static Dictionary<string, object?> ToDictionary(JsonElement? input)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (input is { ValueKind: JsonValueKind.Object } json)
        {
            foreach (var property in json.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }
}
