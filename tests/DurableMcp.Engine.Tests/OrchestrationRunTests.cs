using System.Text.Json;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Worker;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// The orchestration context without storage: replay of journaled steps and the replay-safe helpers never touch
/// the instance row, so a run over a never-contacted emulator address is enough.
/// </summary>
public sealed class OrchestrationRunTests
{
    private static readonly DateTimeOffset CreatedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewGuid_SameInstance_GivesTheSameSequenceOnEveryRun()
    {
        var id = InstanceIds.New();
        using var first = NewRun(id);
        using var second = NewRun(id);

        var a = Enumerable.Range(0, 5).Select(_ => first.NewGuid()).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => second.NewGuid()).ToList();

        Assert.Equal(a, b);
        Assert.Equal(5, a.Distinct().Count());
        Assert.All(a, g => Assert.Equal(5, g.Version));
        Assert.All(a, g => Assert.Equal(0b10, g.Variant >> 2));
    }

    [Fact]
    public void NewGuid_DifferentInstances_GiveDifferentIds()
    {
        using var first = NewRun(InstanceIds.New());
        using var second = NewRun(InstanceIds.New());

        Assert.NotEqual(first.NewGuid(), second.NewGuid());
    }

    [Fact]
    public async Task StepAsync_JournaledStep_ReturnsTheRecordedResultWithoutRunningTheStep()
    {
        var completedAt = CreatedAt.AddMinutes(5);
        using var run = NewRun(InstanceIds.New(), new JournalEntry(0, "step-0", JsonSerializer.SerializeToElement(41), null, completedAt));
        Assert.True(run.IsReplaying);
        Assert.Equal(CreatedAt, run.CurrentUtcDateTime);

        var result = await run.StepAsync<int>("step-0", _ => throw new InvalidOperationException("A journaled step must not run again."));

        Assert.Equal(41, result);
        Assert.False(run.IsReplaying);
        Assert.Equal(completedAt, run.CurrentUtcDateTime);
    }

    [Fact]
    public async Task StepAsync_JournaledFailure_ThrowsTheSameFailureWithoutRunningTheStep()
    {
        var failure = new FailureDetails("InvalidOperationException", "It broke.");
        using var run = NewRun(InstanceIds.New(), new JournalEntry(0, "step-0", null, failure, CreatedAt.AddMinutes(1)));

        var thrown = await Assert.ThrowsAsync<StepFailedException>(
            () => run.StepAsync<int>("step-0", _ => throw new InvalidOperationException("A journaled step must not run again.")));

        Assert.Equal("step-0", thrown.StepName);
        Assert.Equal(failure, thrown.Details);
    }

    [Fact]
    public async Task StepAsync_ReplayReachesADifferentStepName_FailsAsNonDeterministic()
    {
        using var run = NewRun(InstanceIds.New(), new JournalEntry(0, "step-0", JsonSerializer.SerializeToElement(1), null, CreatedAt));

        var thrown = await Assert.ThrowsAsync<OrchestrationFailureException>(() => run.StepAsync("other", _ => Task.FromResult(2)));

        Assert.Equal("NonDeterministicOrchestration", thrown.Details.ErrorType);
    }

    private static OrchestrationRun NewRun(string instanceId, params JournalEntry[] journal)
    {
        var options = Options.Create(new DurableEngineOptions { ConnectionString = "UseDevelopmentStorage=true", TaskHub = "unittests" });
        var storage = new TaskHubStorage(options);
        var record = new InstanceRecord
        {
            InstanceId = instanceId,
            Name = "steps",
            Status = OrchestrationStatus.Running,
            CreatedAt = CreatedAt,
            LastUpdatedAt = CreatedAt,
            ETag = "W/\"unused\"",
        };
        return new OrchestrationRun(
            record,
            [.. journal],
            "unit:run",
            DateTimeOffset.UtcNow.AddMinutes(1),
            holdsLease: true,
            new InstanceStore(storage),
            new PayloadStore(storage, options),
            new EventStore(storage),
            new JsonSerializerOptions(JsonSerializerDefaults.Web),
            TimeProvider.System,
            TimeSpan.FromMinutes(1));
    }
}
