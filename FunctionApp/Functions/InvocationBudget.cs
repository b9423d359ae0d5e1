namespace DurableMcp.FunctionApp.Functions;

/// <summary>How long one trigger invocation may work before it hands over (see <see cref="FunctionsHostOptions.InvocationBudget"/>).</summary>
internal sealed record InvocationBudget(TimeSpan Value);
