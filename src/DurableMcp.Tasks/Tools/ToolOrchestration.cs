using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using DurableMcp.Tasks.Durable;
using Microsoft.DurableTask;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Runs a durable tool as an orchestration: the call's arguments are the input, the tool's <see cref="CallToolResult"/>
/// is the output. The tool method is called directly on the orchestration's own thread (no framework in between that
/// could move a continuation elsewhere). A tool's own exception becomes an <c>isError</c> result, as for any MCP tool;
/// an <see cref="McpProtocolException"/> fails the orchestration with its JSON-RPC error (<see cref="ToolProtocolException"/>).
/// </summary>
internal static class ToolOrchestration
{
    public static async Task<JsonElement> RunAsync(DurableTool tool, TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CallToolResult result;
        try
        {
            var arguments = Bind(tool.Method, context, context.GetInput<JsonElement>());
            result = ToCallToolResult(await InvokeAsync(tool.Method, arguments));
        }
        catch (McpProtocolException e)
        {
            throw new ToolProtocolException(e.ErrorCode, e.Message);
        }
        catch (Exception e) when (e is not ToolProtocolException)
        {
            result = new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = $"'{tool.Name}' failed: {Describe(e)}" }],
            };
        }

        return JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>());
    }

    /// <summary>The method's arguments: the orchestration context, and each parameter from the call's JSON (or its default).</summary>
    private static object?[] Bind(MethodInfo method, TaskOrchestrationContext context, JsonElement input)
    {
        var parameters = method.GetParameters();
        var values = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            values[i] = parameter.ParameterType == typeof(TaskOrchestrationContext) ? context
                : input.ValueKind == JsonValueKind.Object && input.TryGetProperty(parameter.Name!, out var value) && value.ValueKind != JsonValueKind.Null
                    ? value.Deserialize(parameter.ParameterType, McpJsonUtilities.DefaultOptions)
                : parameter.HasDefaultValue ? parameter.DefaultValue
                : null;
        }

        return values;
    }

    private static async Task<object?> InvokeAsync(MethodInfo method, object?[] arguments)
    {
        object? returned;
        try
        {
            returned = method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    /// <summary>An activity's failure reads as the activity's own error, not as the wrapper's.</summary>
    private static string Describe(Exception e) =>
        e is TaskFailedException { FailureDetails: { } details } ? $"{e.Message} {details.ErrorMessage}" : e.Message;

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
}
