using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Conformance;

/// <summary>
/// Switches the conformance fixtures on (<c>Conformance:Enabled</c>, or <c>Conformance__Enabled=true</c> in the
/// environment, for both hosts). Off by default: they are test fixtures, not tools a user should see.
/// </summary>
public static class ConformanceFixtures
{
    public const string EnabledSetting = "Conformance:Enabled";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>(EnabledSetting);

    public static IMcpServerBuilder WithConformanceFixtures(this IMcpServerBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return IsEnabled(configuration) ? builder.WithTaskFixtures().WithCoreFixtures() : builder;
    }
}
