using System.Collections.Concurrent;
using System.Text.Json;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Reports;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DurableMcp.Tools.Tests.InMemoryOrchestrations;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// The <c>generate_report</c> orchestrator on the Durable Task SDK's in-memory host, its activities replaced by stand-ins:
/// the sections fan out within <c>parallelism</c> and reach the stitch in the caller's order, the progress counts
/// sections, a section whose activity keeps failing is noted after its retries while the others go on, the parts are
/// deleted after the stitch and the result links both reports; a cancelled task starts no further section.
/// </summary>
public sealed class GenerateReportOrchestrationTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentDictionary<int, int> _attempts = new();
    private readonly ConcurrentDictionary<int, string?> _statusAtStart = new();
    private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DurableTaskTestHost _host = null!;
    private StitchReportInput? _stitched;
    private string? _statusAtStitch;
    private DeleteReportPartsInput? _deleted;
    private bool _hold;
    private bool _sequential;
    private int _running;
    private int _maxRunning;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithDurableTasks().WithDurableTools(typeof(GenerateReportTool));
        var catalog = services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
        _host = await DurableTaskTestHost.StartAsync(registry =>
        {
            catalog.AddTo(registry);
            registry.AddActivityFunc<RenderReportSectionInput, ReportSectionResult>(nameof(RenderReportSection), async (context, input) =>
            {
                _started.Enqueue(input.SourceTaskId);
                _calls.Enqueue(nameof(RenderReportSection));
                _attempts.AddOrUpdate(input.Index, 1, (_, n) => n + 1);
                if (input.SourceTaskId.Contains("flaky", StringComparison.Ordinal))
                {
                    throw new IOException("the part blob could not be written: connection reset");
                }

                if (_sequential)
                {
                    _statusAtStart[input.Index] = Message(await _host.Client.GetInstanceAsync(context.InstanceId, getInputsAndOutputs: true));
                }
                else
                {
                    var now = Interlocked.Increment(ref _running);
                    InterlockedMax(ref _maxRunning, now);
                    if (now >= 2)
                    {
                        _overlapped.TrySetResult();
                    }

                    // Sections stay running until two ran at once (a sequential fan-out never gets there: 5 s, then the test fails),
                    // or, in the cancel test, until the test lets them go.
                    await Task.WhenAny(_hold ? _release.Task : _overlapped.Task, Task.Delay(_hold ? Deadline : TimeSpan.FromSeconds(5)));
                    Interlocked.Decrement(ref _running);
                }

                var unavailable = input.SourceTaskId.Contains("gone", StringComparison.Ordinal) ? "the task is no longer available: it has expired or was deleted." : null;
                return new ReportSectionResult(input.Index, input.SourceTaskId, unavailable is null ? "run_etl" : null, input.Title ?? $"Section of {input.SourceTaskId}",
                    unavailable is null ? 10 * (input.Index + 1) : 0, new Dictionary<string, long> { ["rows"] = input.Index }, 1000, 700, unavailable);
            });
            registry.AddActivityFunc<StitchReportInput, ReportSizes>(nameof(StitchReport), async (context, input) =>
            {
                _calls.Enqueue(nameof(StitchReport));
                _stitched = input;
                _statusAtStitch = Message(await _host.Client.GetInstanceAsync(context.InstanceId, getInputsAndOutputs: true));
                return new ReportSizes(21_000_000, 15_000_000);
            });
            registry.AddActivityFunc<DeleteReportPartsInput, int>(nameof(DeleteReportParts), (_, input) =>
            {
                _calls.Enqueue(nameof(DeleteReportParts));
                _deleted = input;
                return 2 * input.Sections;
            });
        });
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Generate_SixSourcesOneFlakyOneGone_BoundedFanOutStitchedInOrderFailureNotedPartsDeletedLinked()
    {
        var sources = new[] { "s0", "s1", "flaky2", "s3", "gone4", "s5" };
        var id = await StartAsync(sources, parallelism: 3, titles: new Dictionary<int, string> { [1] = "Orders & returns" });

        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.InRange(_maxRunning, 2, 3);
        Assert.Equal(GenerateReportTool.Attempts, _attempts[2]);
        Assert.All(new[] { 0, 1, 3, 4, 5 }, i => Assert.Equal(1, _attempts[i]));
        Assert.Equal(sources, _stitched!.Sections.Select(s => s.SourceTaskId));
        Assert.Equal((id, "Weekly"), (_stitched.TaskId, _stitched.Title));
        Assert.Equal("Orders & returns", _stitched.Sections[1].Title);
        Assert.Equal("failed 3 times, last: the part blob could not be written: connection reset", _stitched.Sections[2].Error);
        Assert.Equal("6 / 6 sections rendered; stitching the report", _statusAtStitch);
        Assert.Equal((id, 6), (_deleted!.TaskId, _deleted.Sections));
        Assert.Equal([nameof(StitchReport), nameof(DeleteReportParts)], _calls.Where(c => c != nameof(RenderReportSection)));

        var result = Output(done);
        var summary = result.GetProperty("structuredContent");
        Assert.Equal((6, 4, 2, 21_000_000L, 15_000_000L), (summary.GetProperty("sections").GetInt32(), summary.GetProperty("reported").GetInt32(), summary.GetProperty("unavailable").GetInt32(),
            summary.GetProperty("htmlBytes").GetInt64(), summary.GetProperty("markdownBytes").GetInt64()));
        var contents = summary.GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6], contents.Select(c => c.GetProperty("number").GetInt32()));
        Assert.Equal([null, null, "failed 3 times, last: the part blob could not be written: connection reset", null, "the task is no longer available: it has expired or was deleted.", null],
            contents.Select(c => c.GetProperty("problem").GetString()));
        Assert.Equal([10, 20, 0, 40, 0, 60], contents.Select(c => c.GetProperty("rows").GetInt64()));

        var links = result.GetProperty("content").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "resource_link").ToList();
        Assert.Equal([$"task://{id}/report.html", $"task://{id}/report.md"], links.Select(l => l.GetProperty("uri").GetString()));
        Assert.Equal(["text/html", "text/markdown"], links.Select(l => l.GetProperty("mimeType").GetString()));
        Assert.Equal([21_000_000L, 15_000_000L], links.Select(l => l.GetProperty("size").GetInt64()));
        Assert.Equal("6 / 6 sections rendered, 2 unavailable; report written", Message(done));
    }

    [Fact]
    public async Task Generate_OneAtATime_EachSectionStartsAfterTheProgressCountedTheOnesBefore()
    {
        _sequential = true;
        var id = await StartAsync(["a", "b", "c", "d"], parallelism: 1);

        await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Equal(["a", "b", "c", "d"], _started);
        Assert.Equal(["0 / 4 sections rendered", "1 / 4 sections rendered", "2 / 4 sections rendered", "3 / 4 sections rendered"],
            Enumerable.Range(0, 4).Select(i => _statusAtStart[i]));
    }

    [Fact]
    public async Task Generate_CancelledMidFanOut_StartsNoFurtherSectionAndEndsTerminated()
    {
        _hold = true;
        var id = await StartAsync([.. Enumerable.Range(0, 20).Select(i => $"s{i:D2}")], parallelism: 2);
        await UntilAsync(id, _ => _started.Count >= 2);
        Assert.Equal("0 / 20 sections rendered", Message(await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true) ?? throw new InvalidOperationException()));

        await _host.Client.TerminateInstanceAsync(id, "cancelled by the test");
        var ended = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, allowEnded: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);

        // Let the two running sections finish, then run a sentinel task through the same host: once it has completed, the
        // host has also processed the cancelled task's two activity results, which is when it would start a third.
        _release.TrySetResult();
        await UntilAsync(id, _ => Volatile.Read(ref _running) == 0, allowEnded: true);
        var sentinel = await StartAsync(["sentinel"], parallelism: 1);
        await UntilAsync(sentinel, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, allowEnded: true);

        Assert.Equal(["s00", "s01", "sentinel"], _started.Order(StringComparer.Ordinal));
        Assert.Equal(sentinel, _stitched?.TaskId);
        Assert.Equal(sentinel, _deleted?.TaskId);
    }

    private Task<string> StartAsync(IReadOnlyList<string> sources, int parallelism, Dictionary<int, string>? titles = null) =>
        _host.Client.ScheduleNewOrchestrationInstanceAsync("generate_report", JsonSerializer.SerializeToElement(new
        {
            sources = sources.Select((s, i) => new { taskId = s, title = titles?.GetValueOrDefault(i) }),
            title = "Weekly",
            parallelism,
        }));

    private Task<OrchestrationMetadata> UntilAsync(string id, Func<OrchestrationMetadata, bool> condition, bool allowEnded = false) =>
        _host.Client.UntilAsync(id, condition, allowEnded);
}
