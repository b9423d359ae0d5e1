using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary><c>completion/complete</c> for the fixture prompt's arguments and the resource template's id.</summary>
internal static class FixtureCompletions
{
    private static readonly string[] Words = ["paris", "park", "party", "test", "testValue1", "testValue2"];
    private static readonly string[] Ids = ["1", "42", "123"];

    public static ValueTask<CompleteResult> CompleteAsync(RequestContext<CompleteRequestParams> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.Params;
        var candidates = parameters?.Ref switch
        {
            PromptReference { Name: FixturePrompts.WithArguments } => Words,
            ResourceTemplateReference { Uri: FixtureResources.Template } => Ids,
            _ => [],
        };

        var prefix = parameters?.Argument.Value ?? string.Empty;
        var values = candidates.Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return ValueTask.FromResult(new CompleteResult { Completion = new Completion { Values = values, Total = values.Count, HasMore = false } });
    }
}
