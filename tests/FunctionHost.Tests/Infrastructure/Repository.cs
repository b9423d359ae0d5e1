using System.Reflection;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>Where the build put what the tests use: the repository, the built handler, the Bicep CLI (recorded by the project file).</summary>
internal static class Repository
{
    public static string Root => Metadata("RepositoryRoot", Directory.Exists);

    /// <summary>The handler's build output folder (FunctionApp.dll, its apphost, appsettings.json, ...).</summary>
    public static string FunctionAppOutput => Path.GetDirectoryName(Metadata("FunctionAppPath", File.Exists))!;

    public static string BicepCli => Metadata("BicepPath", File.Exists);

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Metadata(string key, Func<string, bool> exists) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value && exists(value)
            ? value
            : throw new InvalidOperationException($"'{key}' is not where the build recorded it; build tests/FunctionHost.Tests first.");
}
