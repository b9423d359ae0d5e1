using DurableMcp.Engine.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TestWorker;

// Configuration comes from environment variables (DurableEngine__ConnectionString, DurableEngine__TaskHub, ...).
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDurableEngine(builder.Configuration)
    .AddOrchestration(OrchestrationNames.Steps, TestOrchestrations.StepsAsync)
    .AddOrchestration(OrchestrationNames.Crash, TestOrchestrations.CrashAsync)
    .AddOrchestration(OrchestrationNames.CrashBeforeAnyStep, TestOrchestrations.CrashBeforeAnyStepAsync)
    .AddOrchestration(OrchestrationNames.Big, TestOrchestrations.BigAsync)
    .AddOrchestration(OrchestrationNames.Noop3, TestOrchestrations.Noop3Async)
    .AddOrchestration(OrchestrationNames.WaitEvent, WaitOrchestrations.WaitEventAsync)
    .AddOrchestration(OrchestrationNames.TwoWaits, WaitOrchestrations.TwoWaitsAsync)
    .AddOrchestration(OrchestrationNames.Timer, WaitOrchestrations.TimerAsync)
    .AddOrchestration(OrchestrationNames.StepThenWait, WaitOrchestrations.StepThenWaitAsync);
builder.Services.AddSingleton(sp =>
{
    var options = sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
    return new StepLog(options.ConnectionString ?? throw new InvalidOperationException("DurableEngine__ConnectionString is required."), options.TaskHub);
});

using var host = builder.Build();
await host.StartAsync();

// The tests wait for this line before they count on the worker polling.
Console.WriteLine("READY");
await host.WaitForShutdownAsync();
