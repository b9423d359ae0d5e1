namespace DurableMcp.Conformance;

/// <summary>The smallest valid media the content fixtures return: a 1x1 red PNG and eight samples of silent 8-bit WAV.</summary>
internal static class FixtureMedia
{
    public const string PngMimeType = "image/png";
    public const string WavMimeType = "audio/wav";

    public static ReadOnlyMemory<byte> RedPixelPng { get; } =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    public static ReadOnlyMemory<byte> SilentWav { get; } =
        Convert.FromBase64String("UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==");
}
