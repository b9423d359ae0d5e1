using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Testing;

/// <summary>
/// A logger provider that keeps what an in-process server logs (the latest 1,000 entries), for failure messages and so a
/// test can wait for an event instead of sleeping.
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private const int EntriesKept = 1000;
    private readonly ConcurrentQueue<(int EventId, string Text)> _entries = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>Polls until an entry with <paramref name="eventId"/> was logged; fails after <paramref name="timeout"/>, showing the log.</summary>
    public Task WaitForAsync(int eventId, TimeSpan timeout) =>
        Poll.UntilAsync(() => Task.FromResult(this), log => log._entries.Any(e => e.EventId == eventId), timeout, $"event {eventId} to be logged", TimeSpan.FromMilliseconds(20));

    /// <summary>The kept entries, one a line: level, category, event id, message and exception.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _entries.Select(e => e.Text));

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            log._entries.Enqueue((eventId.Id, $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : " " + exception)}"));
            while (log._entries.Count > EntriesKept && log._entries.TryDequeue(out _))
            {
            }
        }
    }
}
