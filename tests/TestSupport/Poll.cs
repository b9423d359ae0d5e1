using System.Diagnostics;
using Xunit.Sdk;

namespace DurableMcp.Testing;

/// <summary>
/// Waits for another process by asking it again and again until an answer satisfies a condition or a deadline passes.
/// The only way these tests wait: no fixed sleeps as synchronisation.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns the first value of <paramref name="probe"/> that <paramref name="until"/> accepts; fails the test after <paramref name="timeout"/>, showing the last value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan timeout, string waitingFor, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            if (clock.Elapsed >= timeout)
            {
                throw new XunitException($"Gave up after {timeout.TotalSeconds:0.#} s waiting for {waitingFor}. Last answer: {value}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>
    /// Asks again and again for <paramref name="duration"/> and fails at once if an answer breaks <paramref name="invariant"/>:
    /// how a test shows that something does not happen (a change it must not see) without a blind sleep.
    /// </summary>
    public static async Task HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> invariant, TimeSpan duration, string invariantDescription, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        var checks = 0;
        while (clock.Elapsed < duration || checks == 0)
        {
            var value = await probe();
            checks++;
            if (!invariant(value))
            {
                throw new XunitException($"After {clock.Elapsed.TotalSeconds:0.##} s (check {checks}) this no longer held: {invariantDescription}. Answer: {value}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }
}
