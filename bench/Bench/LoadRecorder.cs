using System.Collections.Concurrent;

namespace DurableMcp.Bench;

/// <summary>What the load phase's callers saw, shared by all of them: every request's latency by method, every error by method and kind, every task created and how it ended.</summary>
internal sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Method, string Kind), int> _errors = new();
    private readonly ConcurrentDictionary<string, string> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _surprises = [];

    /// <summary>Times one request; its error, if any, is counted and rethrown.</summary>
    public async Task<T> TimeAsync<T>(string method, Func<Task<T>> call)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        catch (McpCallException e)
        {
            _errors.AddOrUpdate((method, e.Kind), 1, (_, n) => n + 1);
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _errors.AddOrUpdate((method, $"transport: {e.GetType().Name}"), 1, (_, n) => n + 1);
            throw;
        }
        finally
        {
            _latencies.GetOrAdd(method, _ => []).Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>A task was created; its outcome is filled in when a caller sees it end.</summary>
    public void Created(string taskId) => _outcomes[taskId] = "created";

    public void Ended(string taskId, string status) => _outcomes[taskId] = status;

    /// <summary>Something a scenario did not expect (a task that ended otherwise than it should): reported verbatim.</summary>
    public void Surprise(string what) => _surprises.Add(what);

    public IReadOnlyDictionary<string, LatencyStats> Latencies() =>
        _latencies.Where(p => !p.Value.IsEmpty).ToDictionary(p => p.Key, p => LatencyStats.From(p.Value.ToArray()), StringComparer.Ordinal);

    public IReadOnlyDictionary<(string Method, string Kind), int> Errors() => new Dictionary<(string, string), int>(_errors);

    public IReadOnlyDictionary<string, string> Outcomes() => new Dictionary<string, string>(_outcomes, StringComparer.Ordinal);

    public IReadOnlyList<string> Surprises() => [.. _surprises];
}
