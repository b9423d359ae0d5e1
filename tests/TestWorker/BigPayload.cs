using System.Text;

namespace TestWorker;

/// <summary>The deterministic filler the <c>big</c> orchestration returns; linked into the tests to check it arrived intact.</summary>
internal static class BigPayload
{
    public const int DefaultOutputChars = 200_000;

    /// <summary>A string of <paramref name="length"/> characters drawn from <paramref name="seed"/> in a scrambled order.</summary>
    public static string Filler(string seed, int length)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(seed[(int)((i * 7919L) % seed.Length)]);
        }

        return builder.ToString();
    }
}
