using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Tools.Tests;

/// <summary>What the orchestrator tests on the Durable Task SDK's in-memory host share: polling an instance and reading it.</summary>
internal static class InMemoryOrchestrations
{
    /// <summary>How long a test waits for an orchestration to get somewhere.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Polls <paramref name="id"/> until <paramref name="condition"/> holds; fails at the deadline, and at once when the
    /// orchestration ended without meeting it (unless <paramref name="allowEnded"/>).
    /// </summary>
    public static async Task<OrchestrationMetadata> UntilAsync(this DurableTaskClient client, string id, Func<OrchestrationMetadata, bool> condition, bool allowEnded = false)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            Assert.False(!allowEnded && metadata?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Completed, $"The orchestration ended {metadata?.RuntimeStatus}: {metadata?.FailureDetails?.ErrorMessage}");
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>The task's custom status (status message, open questions), or default when it has none.</summary>
    public static JsonElement Custom(OrchestrationMetadata metadata) =>
        metadata.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement : default;

    /// <summary>The task's status message, or null when it has none.</summary>
    public static string? Message(OrchestrationMetadata? metadata) =>
        metadata?.SerializedCustomStatus is { } json ? JsonDocument.Parse(json).RootElement.GetProperty("message").GetString() : null;

    /// <summary>The orchestration's output (the tool's result).</summary>
    public static JsonElement Output(OrchestrationMetadata metadata) => JsonDocument.Parse(metadata.SerializedOutput!).RootElement;

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> if it is lower, atomically.</summary>
    public static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
