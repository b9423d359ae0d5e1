using Azure.Core;
using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Tests.Infrastructure;
using DurableMcp.Engine.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DurableMcp.Engine.Tests;

/// <summary>The runner in this process, driven message by message, for failures a worker process cannot stage on cue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestrationRunnerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Slow = "slow";

    [Fact]
    public async Task ProcessAsync_LeaseRenewalFails_AbandonsTheRunAndKeepsTheMessage_SoTheInstanceCompletesLater()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var faults = new InstanceWriteFaults(hub.Name);
        var stepStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executions = 0;
        var services = new ServiceCollection().AddLogging();
        services.AddDurableEngine(configure: o =>
            {
                o.ConnectionString = hub.ConnectionString;
                o.TaskHub = hub.Name;
                o.WorkerEnabled = false;
                o.LeaseDuration = TestTaskHub.LeaseDuration;
                o.ConfigureClientOptions = client => client.AddPolicy(faults, HttpPipelinePosition.PerCall);
            })
            .AddOrchestration(Slow, async (context, _, _) =>
            {
                await context.StepAsync("wait", async cancellationToken =>
                {
                    Interlocked.Increment(ref executions);
                    stepStarted.TrySetResult();
                    await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
                });
                return null;
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(Slow, null)).InstanceId;

        var item = Assert.Single(await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration));
        var processing = runner.ProcessAsync(item);
        await stepStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        faults.Enabled = true; // the next lease renewal (a third of the lease from now) fails
        var outcome = await processing.WaitAsync(TimeSpan.FromSeconds(20));
        faults.Enabled = false;

        // Nobody asked for cancellation: the run must be given up, not recorded as cancelled and its message dropped.
        Assert.Equal(WorkOutcome.Abandoned, outcome);
        Assert.Equal(OrchestrationStatus.Running, (await client.GetAsync(id))?.Status);
        Assert.Equal(1, await hub.QueueLengthAsync());

        // Redelivered once the message's visibility and the lease lapse, the instance runs again and completes.
        var done = await Eventually.Async(
            async () =>
            {
                foreach (var redelivered in await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))
                {
                    await runner.ProcessAsync(redelivered);
                }

                return await client.GetAsync(id);
            },
            i => i?.Status.IsTerminal() == true,
            TimeSpan.FromSeconds(30),
            "the redelivered instance to end");
        Assert.Equal(OrchestrationStatus.Completed, done!.Status);
        Assert.Equal(2, executions);
    }
}
