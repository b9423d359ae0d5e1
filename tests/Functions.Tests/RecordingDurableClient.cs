using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Functions.Tests;

/// <summary>
/// A Durable client standing in for the one the Functions host binds to an invocation (<c>[DurableClient]</c>): it knows
/// no instances and records which instances were asked for, so a test can see that a request used it.
/// </summary>
internal sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    public List<string> InstancesRead { get; } = [];

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstancesRead.Add(instanceId);
        return Task.FromResult<OrchestrationMetadata?>(null);
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
