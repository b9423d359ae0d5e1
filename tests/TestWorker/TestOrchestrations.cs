using System.Text.Json;
using DurableMcp.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace TestWorker;

/// <summary>The orchestrations the engine tests drive, written against the engine's public API only.</summary>
internal static class TestOrchestrations
{
    public static async Task<JsonElement?> StepsAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        var steps = GetInt(input, "steps") ?? 1;
        var stepDelay = TimeSpan.FromMilliseconds(GetInt(input, "stepDelayMs") ?? 0);
        var crashAtStep = GetInt(input, "crashAtStep");
        var crashMode = GetString(input, "crashMode") ?? "failfast";
        var log = services.GetRequiredService<StepLog>();

        var sum = 0;
        for (var i = 0; i < steps; i++)
        {
            var index = i;
            context.SetStatus($"{i} / {steps} steps");
            sum += await context.StepAsync($"step-{i}", async cancellationToken =>
            {
                await log.AppendAsync(context.InstanceId, index, cancellationToken);
                if (index == crashAtStep)
                {
                    Crash(context.InstanceId, crashMode);
                }

                await Task.Delay(stepDelay, cancellationToken);
                return index;
            });
        }

        context.SetStatus($"{steps} / {steps} steps");

        // The sum of the step results proves that replayed steps returned what they returned when they ran.
        return JsonSerializer.SerializeToElement(new { completed = steps, sum });
    }

    public static async Task<JsonElement?> CrashAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        await context.Step("crash", () =>
        {
            Crash(context.InstanceId, "failfast");
            return 0;
        });
        return null;
    }

    public static async Task<JsonElement?> CrashBeforeAnyStepAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        Crash(context.InstanceId, "failfast");
        await context.Step("unreachable", () => 0);
        return null;
    }

    public static async Task<JsonElement?> BigAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        var payload = GetString(input, "payload") ?? throw new ArgumentException("The big orchestration needs a 'payload' string.", nameof(input));
        var outputChars = GetInt(input, "outputChars") ?? BigPayload.DefaultOutputChars;

        // Built inside a step, so the journal outgrows the row as well as the output.
        var filler = await context.Step("build", () => BigPayload.Filler(payload, outputChars));
        return JsonSerializer.SerializeToElement(new { echo = payload, filler });
    }

    public static async Task<JsonElement?> Noop3Async(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        for (var i = 0; i < 3; i++)
        {
            var index = i;
            await context.Step($"noop-{i}", () => index);
        }

        return JsonSerializer.SerializeToElement(new { completed = 3 });
    }

    private static void Crash(string instanceId, string mode)
    {
        if (string.Equals(mode, "throw", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Step of {instanceId} failed on purpose.");
        }

        Environment.FailFast($"Instance {instanceId} crashes its worker on purpose.");
    }

    internal static int? GetInt(JsonElement? input, string property) =>
        input is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : null;

    internal static string? GetString(JsonElement? input, string property) =>
        input is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
