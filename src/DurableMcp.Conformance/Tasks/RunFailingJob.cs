using Microsoft.DurableTask;

namespace DurableMcp.Conformance;

/// <summary>The work of <c>failing_job</c>: always fails, as a job whose I/O breaks would.</summary>
public sealed class RunFailingJob : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new InvalidOperationException($"The job '{input}' failed (it always does: conformance fixture).");
}
