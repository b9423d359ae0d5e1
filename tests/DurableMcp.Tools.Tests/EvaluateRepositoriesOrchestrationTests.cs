using System.Collections.Concurrent;
using System.Text.Json;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Repositories;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DurableMcp.Tools.Tests.InMemoryOrchestrations;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// The <c>evaluate_repositories</c> orchestrator on the Durable Task SDK's in-memory host, its activities replaced by
/// stand-ins: the fan-out stays within <c>parallelism</c>, a repository whose activity keeps failing becomes a row with
/// its error after the retries and the others go on, the summary ranks and links; a cancelled task starts no further
/// repository.
/// </summary>
public sealed class EvaluateRepositoriesOrchestrationTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ConcurrentDictionary<int, int> _attempts = new();
    private readonly TaskCompletionSource _overlapped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DurableTaskTestHost _host = null!;
    private WriteRepositoryReportInput? _written;
    private bool _hold;
    private int _running;
    private int _maxRunning;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithDurableTasks().WithDurableTools(typeof(EvaluateRepositoriesTool));
        var catalog = services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
        _host = await DurableTaskTestHost.StartAsync(registry =>
        {
            catalog.AddTo(registry);
            registry.AddActivityFunc<EvaluateRepositoryInput, RepositoryEvaluation>(nameof(EvaluateRepository), async (_, input) =>
            {
                var name = input.Source.Describe();
                _started.Enqueue(name);
                _attempts.AddOrUpdate(input.Index, 1, (_, n) => n + 1);
                if (name.Contains("flaky", StringComparison.Ordinal))
                {
                    throw new IOException("git clone failed (exit code 128): connection reset");
                }

                if (name.Contains("missing", StringComparison.Ordinal))
                {
                    return RepositoryEvaluation.Failed(input.Index, name, "git clone failed: repository not found");
                }

                var now = Interlocked.Increment(ref _running);
                InterlockedMax(ref _maxRunning, now);
                if (now >= 2)
                {
                    _overlapped.TrySetResult();
                }

                // Repositories stay running until two ran at once (a sequential fan-out never gets there: 5 s, then the test fails),
                // or, in the cancel test, until the test lets them go.
                await Task.WhenAny(_hold ? _release.Task : _overlapped.Task, Task.Delay(_hold ? Deadline : TimeSpan.FromSeconds(5)));
                Interlocked.Decrement(ref _running);
                return new RepositoryEvaluation(input.Index, name, "abc123", (input.Index * 7) % 100, new RepositoryChecks(1, 10, [], 0, [], null, null, [], [], 0, 0, 0), null);
            });
            registry.AddActivityFunc<WriteRepositoryReportInput, RepositoryReportSizes>(nameof(WriteRepositoryReport), (_, input) =>
            {
                _written = input;
                return new RepositoryReportSizes(1234, 567);
            });
        });
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Evaluate_TenRepositoriesOneMissingOneFlaky_BoundedFanOutFailuresAsRowsRankedAndLinked()
    {
        var urls = Enumerable.Range(0, 10).Select(i => i switch { 3 => "https://example.com/missing", 6 => "https://example.com/flaky", _ => $"https://example.com/r{i}" }).ToList();
        var id = await StartAsync(urls, parallelism: 3);

        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.InRange(_maxRunning, 2, 3);
        Assert.Equal(EvaluateRepositoriesTool.Attempts, _attempts[6]);
        Assert.Equal(1, _attempts[3]);
        Assert.All(Enumerable.Range(0, 10).Where(i => i != 6), i => Assert.Equal(1, _attempts[i]));
        var result = Output(done);
        var summary = result.GetProperty("structuredContent");
        Assert.Equal((10, 8, 2), (summary.GetProperty("repositories").GetInt32(), summary.GetProperty("evaluated").GetInt32(), summary.GetProperty("failed").GetInt32()));

        // Scores 0, 7, 14, 28, 35, 49, 56, 63 (indexes 3 and 6 failed): the best five, best first.
        Assert.Equal([(1, "https://example.com/r9", 63), (2, "https://example.com/r8", 56), (3, "https://example.com/r7", 49), (4, "https://example.com/r5", 35), (5, "https://example.com/r4", 28)],
            summary.GetProperty("top").EnumerateArray().Select(t => (t.GetProperty("rank").GetInt32(), t.GetProperty("repository").GetString(), t.GetProperty("score").GetInt32())));
        var failures = summary.GetProperty("failures").EnumerateArray().ToList();
        Assert.Equal(["https://example.com/missing", "https://example.com/flaky"], failures.Select(f => f.GetProperty("repository").GetString()));
        Assert.Equal("failed 3 times, last: git clone failed (exit code 128): connection reset", failures[1].GetProperty("error").GetString());
        Assert.Equal(urls, _written!.Evaluations.Select(e => e.Repository));
        Assert.Equal(id, _written.TaskId);

        var links = result.GetProperty("content").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "resource_link").ToList();
        Assert.Equal([$"task://{id}/repositories.json", $"task://{id}/ranking.md"], links.Select(l => l.GetProperty("uri").GetString()));
        Assert.Equal([1234, 567], links.Select(l => l.GetProperty("size").GetInt64()));
        Assert.Equal("8 / 10 repositories evaluated, 2 failed", Message(done));
    }

    [Fact]
    public async Task Evaluate_CancelledMidFanOut_StartsNoFurtherRepositoryAndEndsTerminated()
    {
        _hold = true;
        var id = await StartAsync([.. Enumerable.Range(0, 20).Select(i => $"https://example.com/r{i}")], parallelism: 2);
        await UntilAsync(id, _ => _started.Count >= 2);
        Assert.Equal("0 / 20 repositories evaluated", Message(await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true) ?? throw new InvalidOperationException()));

        await _host.Client.TerminateInstanceAsync(id, "cancelled by the test");
        var ended = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, allowEnded: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, ended.RuntimeStatus);

        // Let the two running repositories finish, then run a sentinel task through the same host: once it has completed,
        // the host has also processed the cancelled task's two activity results, which is when it would start a third.
        _release.TrySetResult();
        await UntilAsync(id, _ => Volatile.Read(ref _running) == 0, allowEnded: true);
        var sentinel = await StartAsync(["https://example.com/sentinel"], parallelism: 1);
        await UntilAsync(sentinel, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed, allowEnded: true);

        Assert.Equal(["https://example.com/r0", "https://example.com/r1", "https://example.com/sentinel"], _started.Order(StringComparer.Ordinal));
        Assert.Equal(sentinel, _written?.TaskId);
    }

    private Task<string> StartAsync(IReadOnlyList<string> urls, int parallelism) =>
        _host.Client.ScheduleNewOrchestrationInstanceAsync("evaluate_repositories", JsonSerializer.SerializeToElement(new
        {
            repositories = urls.Select(u => new { url = u }),
            parallelism,
        }));

    private Task<OrchestrationMetadata> UntilAsync(string id, Func<OrchestrationMetadata, bool> condition, bool allowEnded = false) =>
        _host.Client.UntilAsync(id, condition, allowEnded);
}
