using System.Text.Json;
using System.Text.Json.Serialization;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>
/// Questions a durable tool asks its user. The question is published with the task (<c>input_required</c>, its
/// request in <c>inputRequests</c>) and the run ends: nothing is held in memory while the user thinks (minutes or
/// days). The answer, sent with <c>tasks/update</c> to any server instance, resumes the task wherever it is picked up.
/// Several questions may be outstanding at once: start them, then await them together.
/// </summary>
public static class OrchestrationElicitationExtensions
{
    // Enum fields are asked as a choice of the enum's names (ElicitationSchema), so answers carry names, not numbers.
    private static readonly JsonSerializerOptions FormOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Asks for the fields of <typeparamref name="T"/> (see <see cref="ElicitationSchema"/>).</summary>
    public static async Task<ElicitationOutcome<T>> ElicitAsync<T>(this TaskOrchestrationContext context, string message, TimeSpan? timeout = null)
    {
        var outcome = await context.ElicitAsync(message, ElicitationSchema.For<T>(), timeout);
        if (outcome.Content is not { } content)
        {
            return new ElicitationOutcome<T>(outcome.Action, default);
        }

        var json = JsonSerializer.SerializeToElement(content, McpJsonUtilities.DefaultOptions.GetTypeInfo<IReadOnlyDictionary<string, JsonElement>>());
        return new ElicitationOutcome<T>(outcome.Action, json.Deserialize<T>(FormOptions));
    }

    /// <summary>Asks a question with an explicit form schema.</summary>
    /// <param name="context">The orchestration asking.</param>
    /// <param name="message">What to tell the user.</param>
    /// <param name="requestedSchema">The form.</param>
    /// <param name="timeout">How long to wait for an answer (from the replay-safe current time); null for ever.</param>
    public static async Task<ElicitationOutcome> ElicitAsync(this TaskOrchestrationContext context, string message, ElicitRequestParams.RequestSchema requestedSchema, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        ArgumentNullException.ThrowIfNull(requestedSchema);

        // Replay-safe and never reused within the task: the key under which clients see and answer the question, and the
        // name of the external event that carries the answer.
        var key = "q-" + context.NewGuid().ToString("N");
        var progress = TaskProgress.Of(context);
        progress.Ask(key, InputRequest.ForElicitation(new ElicitRequestParams { Mode = "form", Message = message, RequestedSchema = requestedSchema }));
        JsonElement payload;
        try
        {
            payload = timeout is { } limit
                ? await context.WaitForExternalEvent<JsonElement>(key, limit)
                : await context.WaitForExternalEvent<JsonElement>(key);
        }
        catch (TaskCanceledException)
        {
            return new ElicitationOutcome(ElicitationAction.TimedOut, null);
        }
        finally
        {
            progress.Settle(key);
        }

        var answer = payload.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<ElicitResult>())!;
        return answer.Action switch
        {
            "accept" => new ElicitationOutcome(ElicitationAction.Accept, answer.Content?.ToDictionary(p => p.Key, p => p.Value)),
            "decline" => new ElicitationOutcome(ElicitationAction.Decline, null),
            _ => new ElicitationOutcome(ElicitationAction.Cancel, null),
        };
    }
}
