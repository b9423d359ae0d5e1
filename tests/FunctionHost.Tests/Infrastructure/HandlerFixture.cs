using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.Testing;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// One handler for a test class, started by the emulated Functions host in an app root laid out like the package, with
/// the app settings of local.settings.sample.json (storage pointed at this run's Azurite) and a short invocation budget.
/// </summary>
public sealed class HandlerFixture(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>The invocation budget the fixture's handler gets, short so that a test can spend it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private AppRoot? _appRoot;
    private FunctionsHostEmulator? _host;

    internal FunctionsHostEmulator Host => _host ?? throw new InvalidOperationException("Not started.");

    internal string ConnectionString => azurite.ConnectionString;

    /// <summary>The app settings: local.settings.sample.json's values, with this run's storage and a few test-only overrides.</summary>
    internal static Dictionary<string, string> SampleSettings(string connectionString, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = FunctionAppFiles.ReadJson(Repository.PathOf("local.settings.sample.json"))["Values"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        settings["AzureWebJobsStorage"] = connectionString;
        settings["Samples__Seed"] = "false";
        settings["McpTasks__PollInterval"] = "00:00:00.200";
        settings["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        _appRoot = AppRoot.Create();
        _host = await FunctionsHostEmulator.StartAsync(_appRoot, SampleSettings(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["FunctionsHost__InvocationBudget"] = Budget.ToString("c"),
        }));
    }

    /// <summary>Empties the work queue and its poison queue, so that a test sees only its own messages.</summary>
    internal async Task ClearQueuesAsync()
    {
        foreach (var queue in new[] { WorkQueue, PoisonQueue })
        {
            await queue.CreateIfNotExistsAsync();
            await queue.ClearMessagesAsync();
        }
    }

    internal QueueClient WorkQueue => Host.QueueOf(FunctionLayout.WorkerFunction);

    internal QueueClient PoisonQueue => Host.QueueOf(FunctionLayout.WorkerFunction, "-poison");

    internal TableClient Instances => new(azurite.ConnectionString, TaskHub + "Instances");

    internal string TaskHub => Host.Settings["DurableEngine__TaskHub"];

    /// <summary>Messages in the work queue, visible or not (the approximate count includes invisible ones).</summary>
    internal async Task<int> WorkQueueCountAsync() => (await WorkQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    internal static JsonObject Args(params (string Name, JsonNode Value)[] arguments)
    {
        var result = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            result[name] = value;
        }

        return result;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _appRoot?.Dispose();
    }
}
