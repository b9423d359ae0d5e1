using System.Net;
using Azure.Data.Tables;
using DurableMcp.Engine;
using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;
using DurableMcp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>The janitor as the host's timer drives it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerTriggerContractTests(HandlerFixture handler) : IClassFixture<HandlerFixture>
{
    [Fact]
    public async Task JanitorTimer_PurgesExpiredTasks()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddDurableEngine(configure: o =>
            {
                o.ConnectionString = handler.ConnectionString;
                o.TaskHub = handler.TaskHub;
                o.WorkerEnabled = false;
            })
            .AddOrchestration("short-lived", (_, _, _) => Task.FromResult<System.Text.Json.JsonElement?>(null))
            .Services.BuildServiceProvider();
        var client = services.GetRequiredService<DurableClient>();
        var instance = await client.StartAsync("short-lived", null, new StartOrchestrationOptions { TimeToLive = TimeSpan.FromSeconds(1) });
        await handler.ClearQueuesAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var janitor = await handler.Host.FireTimerAsync(FunctionLayout.JanitorFunction, isPastDue: true);

        QueueTriggerContractTests.AssertInvocationResponse(janitor, HttpStatusCode.OK);
        Assert.DoesNotContain(janitor.Logs, l => l.Contains("purged 0,", StringComparison.Ordinal));
        Assert.False((await handler.Instances.GetEntityIfExistsAsync<TableEntity>(InstanceRows.PartitionOf(instance.InstanceId), instance.InstanceId)).HasValue);
    }

    [Fact]
    public async Task TimerInvocation_WithoutTheTimerBinding_IsRefused()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            new Uri($"http://127.0.0.1:{handler.Host.Port}/{FunctionLayout.JanitorFunction}"),
            new StringContent("""{"Data":{},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"Logs\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
