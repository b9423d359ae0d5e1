using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Protocol;
using DurableMcp.Tasks.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// The parts of the 2025-11-25 tasks that need server-to-client requests, which the SDK does not send when stateless,
/// handled on the MCP endpoint's POSTs before the SDK sees them:
/// <list type="bullet">
/// <item><c>tasks/result</c>: an SSE response that waits (polling Durable Functions; nothing of the task is held in memory) until
/// the task is terminal, sending each outstanding question as an <c>elicitation/create</c> request whose id names the task
/// and the question key, and a <c>notifications/tasks/status</c> (the Task) on every change of its status or status
/// message, then the result (or the JSON-RPC error) with related-task <c>_meta</c>. It ends on client disconnect, and on
/// server shutdown or at <c>McpTasks:MaxStreamDuration</c> with -32005 (call again).</item>
/// <item>the client's JSON-RPC response to such a request, which may reach any instance: validated and raised as the
/// question's external event (202), exactly as a 2026-07-28 <c>tasks/update</c> answer.</item>
/// </list>
/// Every other message goes on to the SDK untouched. The caller must own the task, as for every task request.
/// </summary>
internal sealed partial class TaskResultHttpHandler(
    TaskStore store,
    TaskRequestHandlers tasks,
    InputResponder responder,
    IHostApplicationLifetime lifetime,
    IOptions<DurableTasksOptions> options,
    TimeProvider time,
    ILogger<TaskResultHttpHandler> logger)
{
    private readonly DurableTasksOptions _options = options.Value;

    /// <summary>
    /// A comment line every so often keeps proxies from closing a quiet stream and reveals a gone client (settable so
    /// tests can see several without waiting long).
    /// </summary>
    internal TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    public async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        // A POST that does not accept both JSON and SSE is the SDK's to refuse (406), as for every other message. The
        // revision header comes first: it is the cheap test, and it turns away every 2026-07-28 request.
        var body = HttpMethods.IsPost(context.Request.Method)
            && Tasks2025Protocol.IsInitializeRevision(NullIfEmpty(context.Request.Headers["MCP-Protocol-Version"].ToString()))
            && AcceptsJsonAndEventStream(context.Request)
            ? await ReadBodyAsync(context)
            : null;
        if (body is JsonObject request && request["method"] is JsonValue method && method.TryGetValue(out string? name) && name == Tasks2025Protocol.TasksResult && request.ContainsKey("id"))
        {
            await StreamResultAsync(context, request);
        }
        else if (body is JsonObject response && !response.ContainsKey("method") && ElicitationId.TryParse(response["id"], out var taskId, out var key))
        {
            await AcceptAnswerAsync(context, response, taskId, key);
        }
        else
        {
            await next(context);
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool AcceptsJsonAndEventStream(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MatchesMediaType("application/json")) && accept.Any(a => a.MatchesMediaType("text/event-stream"));
    }

    /// <summary>The body as JSON (left readable for the SDK), or null when it is not a JSON object.</summary>
    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }

    private async Task StreamResultAsync(HttpContext context, JsonObject request)
    {
        var id = request["id"]!.DeepClone();
        StartEventStream(context);
        // Ended before the platform's HTTP time limit (230 s on Azure Functions), so the client sees an error that says to
        // call again, not a cut connection.
        using var deadline = new CancellationTokenSource(_options.MaxStreamDuration, time);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, deadline.Token);
        var cancellationToken = stopping.Token;
        try
        {
            var taskId = request["params"]?["taskId"] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0
                ? text
                : throw new McpProtocolException("tasks/result requires params.taskId (a string).", McpErrorCode.InvalidParams);
            var (found, caller) = await tasks.FindAsync(context.User, taskId, cancellationToken);
            TasksLog.ResultStreamOpened(logger, taskId, caller);

            var asked = new HashSet<string>(StringComparer.Ordinal);
            var told = Visible(found); // the status the client last learnt (from the call or its last tasks/get)
            while (true)
            {
                using var keepAlive = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                keepAlive.CancelAfter(KeepAliveInterval);
                TaskRecord? instance;
                try
                {
                    instance = await store.WaitAsync(found.TaskId, t => t.InputRequests.Keys.Any(k => !asked.Contains(k)) || Visible(t) != told, keepAlive.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (instance is null)
                {
                    throw TaskRequestHandlers.UnknownTask(taskId);
                }

                if (Visible(instance) is var now && now != told)
                {
                    await WriteMessageAsync(context, TaskNotifications.Status2025(TaskMapper2025.ToTask(instance, _options)), cancellationToken);
                    told = now;
                }

                if (instance.Status.IsTerminal())
                {
                    await WriteMessageAsync(context, Outcome(id, instance), cancellationToken);
                    TasksLog.TaskRetrieved(logger, instance.TaskId, instance.Status, caller);
                    return;
                }

                foreach (var (key, question) in instance.InputRequests.Where(q => asked.Add(q.Key)))
                {
                    await WriteMessageAsync(context, ElicitationRequest(instance.TaskId, key, question), cancellationToken);
                }
            }
        }
        catch (McpProtocolException e)
        {
            // Storage down before anything was sent: the status line still says so (after that, the error alone does).
            if (e is StorageUnavailableException && !context.Response.HasStarted)
            {
                StorageUnavailableResponse.Apply(context.Response);
            }

            await WriteMessageAsync(context, Error(id, e), cancellationToken);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested && (lifetime.ApplicationStopping.IsCancellationRequested || deadline.IsCancellationRequested))
        {
            // The task goes on without this stream; tell the client to ask again (any instance can answer).
            var why = lifetime.ApplicationStopping.IsCancellationRequested
                ? "The server is shutting down"
                : $"This stream reached its time limit ({_options.MaxStreamDuration.TotalSeconds:0} s, McpTasks:MaxStreamDuration)";
            await WriteMessageAsync(context, Error(id, StreamEnded, $"{why}; the task goes on. Call tasks/result again."), CancellationToken.None);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            TasksLog.ResultStreamClosed(logger);
        }
    }

    /// <summary>The task as a status notification would show it, but for its last-updated time (which moves with every step).</summary>
    private Task2025 Visible(TaskRecord instance) => TaskMapper2025.ToTask(instance, _options) with { LastUpdatedAt = "" };

    private async Task AcceptAnswerAsync(HttpContext context, JsonObject response, string taskId, string key)
    {
        try
        {
            var (instance, caller) = await tasks.FindAsync(context.User, taskId, context.RequestAborted);

            // An error instead of an answer (the client cannot show the form, or refused): the question ends as cancelled.
            var answer = response["result"] is JsonObject result ? (JsonNode)result.DeepClone() : new JsonObject { ["action"] = "cancel" };
            if (answer is JsonObject answerObject)
            {
                answerObject.Remove("_meta");
            }

            await responder.AnswerAsync(instance, [new(key, JsonSerializer.SerializeToElement(answer, McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonNode>()))], context.RequestAborted);
            TasksLog.TaskAnswered(logger, instance.TaskId, 1, caller);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
        catch (McpProtocolException e)
        {
            // A response cannot be answered in JSON-RPC; the HTTP status and body say why it was not taken.
            if (e is StorageUnavailableException)
            {
                StorageUnavailableResponse.Apply(context.Response);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Error(null, e).ToJsonString(), context.RequestAborted);
        }
    }

    private static JsonObject Outcome(JsonNode id, TaskRecord instance)
    {
        var related = Tasks2025Protocol.RelatedTaskMeta(instance.TaskId);
        if (instance.Status == TaskRunStatus.Completed && instance.Output is { } output && JsonNode.Parse(output.GetRawText()) is JsonObject result)
        {
            if (result["_meta"] is not JsonObject meta)
            {
                result["_meta"] = meta = [];
            }

            meta[Tasks2025Protocol.RelatedTaskMetaKey] = related[Tasks2025Protocol.RelatedTaskMetaKey]!.DeepClone();
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
        }

        var (code, message) = instance.Status == TaskRunStatus.Cancelled
            ? (TaskCancelled, $"Task '{instance.TaskId}' was cancelled.")
            : (TaskMapper.ToError(instance.Failure).Code, TaskMapper.ToError(instance.Failure).Message);
        var error = Error(id, code, message);
        error["error"]!["data"] = new JsonObject { ["_meta"] = related };
        return error;
    }

    private static JsonObject ElicitationRequest(string taskId, string key, ModelContextProtocol.Protocol.InputRequest question)
    {
        var descriptor = JsonSerializer.SerializeToNode(question, McpJsonUtilities.DefaultOptions.GetTypeInfo<ModelContextProtocol.Protocol.InputRequest>())!.AsObject();
        var parameters = descriptor["params"] as JsonObject ?? [];
        parameters = parameters.DeepClone().AsObject();
        parameters["_meta"] = Tasks2025Protocol.RelatedTaskMeta(taskId);
        return new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = ElicitationId.Format(taskId, key),
            ["method"] = Tasks2025Protocol.ElicitationCreate,
            ["params"] = parameters,
        };
    }

    private static JsonObject Error(JsonNode? id, McpProtocolException exception)
    {
        var error = Error(id, (int)exception.ErrorCode, exception.Message);
        if (exception is StorageUnavailableException)
        {
            error["error"] = StorageUnavailableResponse.Error();
        }

        return error;
    }

    private static JsonObject Error(JsonNode? id, int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private static void StartEventStream(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static async Task WriteMessageAsync(HttpContext context, JsonObject message, CancellationToken cancellationToken)
    {
        await context.Response.WriteAsync($"event: message\ndata: {message.ToJsonString()}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Server-defined JSON-RPC errors (-32000..-32099): the task was cancelled; the stream ended (shutdown, or its time limit) before the task did: call again.</summary>
    private const int TaskCancelled = ServerErrorCodes.TaskCancelled;
    private const int StreamEnded = ServerErrorCodes.StreamEnded;
}
