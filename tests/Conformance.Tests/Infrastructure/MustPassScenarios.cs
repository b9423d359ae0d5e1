namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// The scenarios that are this server's reason to exist (the Tasks extension, input-required results, the stateless
/// core, the HTTP header rules, DNS rebinding protection, caching hints): they must pass, scored or not, and no baseline
/// may list them.
/// </summary>
internal static class MustPassScenarios
{
    public static readonly IReadOnlyList<string> Prefixes =
    [
        "tasks-",
        "input-required-result-",
        "server-stateless",
        "http-header-validation",
        "http-custom-header-server-validation",
        "dns-rebinding-protection",
        "caching",
    ];

    public static bool Contains(string scenario) => Prefixes.Any(p => scenario.StartsWith(p, StringComparison.Ordinal));
}
