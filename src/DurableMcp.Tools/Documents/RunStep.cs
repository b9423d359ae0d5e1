using Microsoft.DurableTask;

namespace DurableMcp.Tools.Documents;

/// <summary>One step of <c>run_steps</c>: waits, then returns its index.</summary>
public sealed class RunStep : TaskActivity<RunStepInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.DelayMs > 0)
        {
            await Task.Delay(input.DelayMs);
        }

        return input.Index;
    }
}
