using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>The timer trigger: on its schedule the host POSTs the timer's state (schedule status, past due) to the function.</summary>
internal sealed partial class FunctionsHostEmulator
{
    /// <summary>Fires the timer-triggered function <paramref name="function"/> once, as its schedule would.</summary>
    public async Task<Invocation> FireTimerAsync(string function, bool isPastDue = false, CancellationToken cancellationToken = default)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                [Files.Trigger(function)["name"]!.GetValue<string>()] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JsonObject
                    {
                        ["Last"] = now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
                        ["Next"] = now.AddMinutes(5).ToString("O", CultureInfo.InvariantCulture),
                        ["LastUpdated"] = now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture),
                    },
                    ["IsPastDue"] = isPastDue,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = SystemMetadata(function) },
        };
        var (status, answer) = await InvokeAsync(function, body, cancellationToken);
        return new Invocation(function, status, answer, null, 0, HostAction.None);
    }
}
