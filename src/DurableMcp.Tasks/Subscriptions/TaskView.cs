using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// What a client sees of a task that can change while it runs: its status, its status message and the keys of its
/// open questions. A task whose view is unchanged is not notified again, however often Durable Functions wrote it
/// (every activity an orchestration finishes moves its last-updated time).
/// </summary>
internal readonly record struct TaskView(string Status, string? StatusMessage, string QuestionKeys)
{
    public static TaskView Of(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var questions = task.Status.IsTerminal() ? [] : task.InputRequests.Keys.Order(StringComparer.Ordinal).ToArray();
        var status = questions.Length > 0 ? TaskStatusNames.InputRequired : TaskStatusNames.From(task.Status);
        return new TaskView(status, task.StatusMessage, string.Join('\n', questions));
    }
}
