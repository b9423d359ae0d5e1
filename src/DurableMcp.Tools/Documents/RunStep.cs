using DurableMcp.Tools.Logging;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Documents;

/// <summary>One step of <c>run_steps</c>: waits, then returns its index.</summary>
public sealed class RunStep(ILogger<RunStep> logger) : TaskActivity<RunStepInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.DelayMs > 0)
        {
            await Task.Delay(input.DelayMs);
        }

        ToolsLog.StepRan(logger, input.Index, context.InstanceId);
        return input.Index;
    }
}
