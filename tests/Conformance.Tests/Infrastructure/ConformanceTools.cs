namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>The installed Node.js 22 executable and the conformance CLI's entry point.</summary>
internal sealed record ConformanceTools(string Node, string Cli);
