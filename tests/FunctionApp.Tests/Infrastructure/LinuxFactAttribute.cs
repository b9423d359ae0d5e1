namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>A fact about the server on Linux (what Flex Consumption and CI run), read from <c>/proc</c>; skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Reads /proc: Linux only.";
        }
    }
}
