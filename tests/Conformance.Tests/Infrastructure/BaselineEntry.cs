namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// One line of an expected-failures baseline: a whole scenario (<c>- name</c>) or one check of it
/// (<c>- name:check-id</c>), with the comment that says why it fails.
/// </summary>
internal sealed record BaselineEntry(string Scenario, string? CheckId, string Reason, int Line)
{
    public override string ToString() => CheckId is null ? Scenario : $"{Scenario}:{CheckId}";
}
