using System.Collections.Concurrent;
using System.Text.Json;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Etl;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DurableMcp.Tools.Tests.InMemoryOrchestrations;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// The <c>run_etl</c> orchestrator on the Durable Task SDK's in-memory host, its activities replaced by stand-ins that
/// record what they were asked: the fan-out stays within <c>parallelism</c>, every chunk gets its own part, the results
/// add up, the outputs are linked; the question about a table that holds rows leads to replace or to nothing loaded.
/// </summary>
public sealed class RunEtlOrchestrationTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentBag<int> _parts = [];
    private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DurableTaskTestHost _host = null!;
    private bool _tableHoldsRows;
    private int _running;
    private int _maxRunning;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithDurableTasks().WithDurableTools(typeof(RunEtlTool));
        var catalog = services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
        _host = await DurableTaskTestHost.StartAsync(registry =>
        {
            catalog.AddTo(registry);
            registry.AddActivityFunc<ListEtlSourcesInput, EtlSourceList?>(nameof(ListEtlSources), (_, input) =>
                Record(nameof(ListEtlSources), input.Container == "missing" ? null : new EtlSourceList([new EtlSource("in/a.csv", "csv", 100), new EtlSource("in/b.jsonl", "jsonl", 100)], 1)));
            registry.AddActivityFunc<string, bool>(nameof(PrepareEtlTable), (_, _) => Record(nameof(PrepareEtlTable), _tableHoldsRows));
            registry.AddActivityFunc<string, long>(nameof(ClearEtlTable), (_, _) => Record(nameof(ClearEtlTable), 7L));
            registry.AddActivityFunc<ScanEtlFileInput, EtlFileScan>(nameof(ScanEtlFile), (_, input) => Record(nameof(ScanEtlFile), new EtlFileScan(
                input.Source.Name,
                5 * input.ChunkRows,
                null,
                [.. Enumerable.Range(0, 5).Select(i => new EtlChunk(input.Source.Name, input.Source.Format, i * 10, (i + 1) * 10, (i * input.ChunkRows) + 1, input.ChunkRows, "etag"))],
                null)));
            registry.AddActivityFunc<LoadEtlChunkInput, EtlChunkResult>(nameof(LoadEtlChunk), async (_, input) =>
            {
                var now = Interlocked.Increment(ref _running);
                InterlockedMax(ref _maxRunning, now);
                _parts.Add(input.Part);
                if (now >= 2)
                {
                    _overlapped.TrySetResult();
                }

                // Chunks stay running until two ran at once (a sequential fan-out never gets there: 5 s, then the test fails).
                await Task.WhenAny(_overlapped.Task, Task.Delay(TimeSpan.FromSeconds(5)));
                Interlocked.Decrement(ref _running);
                return Record(nameof(LoadEtlChunk), new EtlChunkResult(input.Chunk.Rows, input.Chunk.Rows - 2, 1, 1));
            });
            registry.AddActivityFunc<FinishEtlInput, EtlOutputSizes>(nameof(FinishEtl), (_, input) => Record(nameof(FinishEtl), new EtlOutputSizes(321, input.Summary.Rejected * 50)));
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task RunEtl_TenChunks_FanOutBoundedByParallelism_ResultsAddUpAndOutputsLinked()
    {
        var id = await StartAsync("""{"container":"src","table":"Orders","mapping":{"columns":[{"name":"Id"}]},"chunkRows":4,"parallelism":3}""");

        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.InRange(_maxRunning, 2, 3);
        Assert.Equal(Enumerable.Range(0, 10), _parts.Order());
        var result = Output(done);
        var summary = result.GetProperty("structuredContent");
        Assert.Equal(("new", 2, 40, 20, 10, 10, 0), (summary.GetProperty("tableChoice").GetString(), summary.GetProperty("files").GetInt32(), summary.GetProperty("rows").GetInt32(),
            summary.GetProperty("loaded").GetInt32(), summary.GetProperty("rejected").GetInt32(), summary.GetProperty("filtered").GetInt32(), summary.GetProperty("deleted").GetInt32()));
        var links = result.GetProperty("content").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "resource_link").ToList();
        Assert.Equal([$"task://{id}/summary.json", $"task://{id}/rejects.jsonl"], links.Select(l => l.GetProperty("uri").GetString()));
        Assert.Equal([321, 500], links.Select(l => l.GetProperty("size").GetInt64()));
        Assert.Equal("20 rows loaded into 'Orders', 10 rejected, 10 filtered", Message(done));
        Assert.DoesNotContain(nameof(ClearEtlTable), _calls);
    }

    [Fact]
    public async Task RunEtl_TableHoldsRows_ReplaceAnswered_DeletesRowsAfterPlanningBeforeLoading()
    {
        _tableHoldsRows = true;
        var id = await StartAsync("""{"container":"src","table":"Orders","mapping":{"columns":[{"name":"Id"}]}}""");

        var key = await QuestionAsync(id);
        await _host.Client.RaiseEventAsync(id, key, JsonDocument.Parse("""{"action":"accept","content":{"action":"Replace"}}""").RootElement);
        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        var summary = Output(done).GetProperty("structuredContent");
        Assert.Equal("replace", summary.GetProperty("tableChoice").GetString());
        Assert.Equal(7, summary.GetProperty("deleted").GetInt32());
        var calls = _calls.ToList();
        Assert.InRange(calls.IndexOf(nameof(ClearEtlTable)), calls.LastIndexOf(nameof(ScanEtlFile)) + 1, calls.IndexOf(nameof(LoadEtlChunk)) - 1);
    }

    [Theory]
    [InlineData("""{"action":"accept","content":{"action":"Cancel"}}""")]
    [InlineData("""{"action":"decline"}""")]
    public async Task RunEtl_TableHoldsRows_NotReplaceOrAppend_LoadsNothing(string answer)
    {
        _tableHoldsRows = true;
        var id = await StartAsync("""{"container":"src","table":"Orders","mapping":{"columns":[{"name":"Id"}]}}""");

        await _host.Client.RaiseEventAsync(id, await QuestionAsync(id), JsonDocument.Parse(answer).RootElement);
        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Equal("cancel", Output(done).GetProperty("structuredContent").GetProperty("tableChoice").GetString());
        Assert.Equal([nameof(ListEtlSources), nameof(PrepareEtlTable)], _calls);
    }

    [Fact]
    public async Task RunEtl_ContainerMissing_IsErrorResultWithoutTouchingTheTable()
    {
        var id = await StartAsync("""{"container":"missing","table":"Orders","mapping":{"columns":[{"name":"Id"}]}}""");

        var result = Output(await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed));

        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Equal("The container 'missing' does not exist.", result.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal([nameof(ListEtlSources)], _calls);
    }

    private T Record<T>(string activity, T result)
    {
        _calls.Enqueue(activity);
        return result;
    }

    private Task<string> StartAsync(string arguments) =>
        _host.Client.ScheduleNewOrchestrationInstanceAsync("run_etl", JsonDocument.Parse(arguments).RootElement);

    private async Task<string> QuestionAsync(string id)
    {
        var waiting = await UntilAsync(id, m => Custom(m) is { ValueKind: JsonValueKind.Object } custom && custom.TryGetProperty("inputRequests", out var q) && q.ValueKind == JsonValueKind.Object);
        var (key, request) = Custom(waiting).GetProperty("inputRequests").EnumerateObject().Select(p => (p.Name, p.Value)).Single();
        Assert.StartsWith("Table 'Orders' already holds rows.", request.GetProperty("params").GetProperty("message").GetString(), StringComparison.Ordinal);
        return key;
    }

    private Task<OrchestrationMetadata> UntilAsync(string id, Func<OrchestrationMetadata, bool> condition, bool allowEnded = false) =>
        _host.Client.UntilAsync(id, condition, allowEnded);
}
