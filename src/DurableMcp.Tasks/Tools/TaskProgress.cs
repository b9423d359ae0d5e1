using System.Runtime.CompilerServices;
using System.Text.Json;
using DurableMcp.Tasks.Durable;
using Microsoft.DurableTask;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>
/// What a running tool shows its client, kept per orchestration run and published as the orchestration's custom status
/// (<see cref="TaskCustomStatus"/>): a status message and the questions still open. Replays rebuild it by running the
/// same code again, so it needs no storage of its own.
/// </summary>
internal sealed class TaskProgress
{
    private static readonly ConditionalWeakTable<TaskOrchestrationContext, TaskProgress> Runs = [];

    private readonly TaskOrchestrationContext _context;
    private readonly Dictionary<string, JsonElement> _questions = new(StringComparer.Ordinal);
    private string? _message;

    private TaskProgress(TaskOrchestrationContext context) => _context = context;

    public static TaskProgress Of(TaskOrchestrationContext context) => Runs.GetValue(context, static c => new TaskProgress(c));

    public void SetMessage(string? message)
    {
        _message = message;
        Publish();
    }

    public void Ask(string key, InputRequest request)
    {
        _questions[key] = JsonSerializer.SerializeToElement(request, McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequest>());
        Publish();
    }

    public void Settle(string key)
    {
        if (_questions.Remove(key))
        {
            Publish();
        }
    }

    private void Publish() => _context.SetCustomStatus(JsonSerializer.SerializeToElement(
        new TaskCustomStatus { Message = _message, InputRequests = _questions.Count > 0 ? new Dictionary<string, JsonElement>(_questions) : null },
        DurableJsonContext.Default.TaskCustomStatus));
}
