using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Tools;
using DurableMcp.Testing;
using Microsoft.DurableTask;
using ModelContextProtocol.Server;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Durable tools the app does not have: one that runs only as a task (for -32021), one with a large result (which
/// Durable Functions keeps in a blob), two that ask two typed questions, together or one after the other (for partial and repeated answers), and one that asks its
/// first question before it becomes a task (MRTR, then the task).
/// </summary>
public sealed class TestDurableTools
{
    public const string TaskOnlyTool = "export_archive";
    public const string LargeResultTool = "large_report";
    public const string TwoQuestionsTool = "plan_shipment";
    public const string QuestionsInTurnTool = "plan_shipment_in_turn";
    public const string AsksBeforeTaskTool = "plan_shipment_asking_first";

    /// <summary>How the carrier question's message starts.</summary>
    public const string CarrierQuestion = "Which carrier";

    /// <summary>How the parcel question's message starts.</summary>
    public const string ParcelQuestion = "How many parcels";

    /// <summary>An in-process server with these tools and their activities.</summary>
    public static InProcessServerOptions Host { get; } = new()
    {
        Tools = mcp => mcp.WithDurableTools<TestDurableTools>().WithActivity<CountParts>().WithActivity<ReportLine>(),
    };

    [McpServerTool(Name = TaskOnlyTool, Title = "Export an archive")]
    [Description("Exports an archive; runs only as a task.")]
    [DurableTool(TaskSupport.Required)]
    public static async Task<string> ExportAsync(TaskOrchestrationContext context, [Description("The archive name.")] string archive)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = await context.CallActivityAsync<int>(nameof(CountParts), archive);
        return $"Exported {archive} in {parts} parts.";
    }

    [McpServerTool(Name = LargeResultTool, Title = "Write a large report")]
    [Description("Returns a text of the given length, far beyond what fits inline in a table row.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> LargeReportAsync(TaskOrchestrationContext context, [Range(1, 1_000_000)] int characters)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = await context.CallActivityAsync<string>(nameof(ReportLine), characters);
        return Report(line, characters);
    }

    /// <summary>The text <see cref="LargeReportAsync"/> returns, so tests can compare it exactly.</summary>
    public static string Report(string line, int characters)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.Concat(Enumerable.Repeat(line, (characters / line.Length) + 1))[..characters];
    }

    [McpServerTool(Name = TwoQuestionsTool, Title = "Plan a shipment")]
    [Description("Asks for the carrier and the number of parcels at the same time, then plans the shipment.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> PlanShipmentAsync(TaskOrchestrationContext context, [Description("The order number.")] string order)
    {
        ArgumentNullException.ThrowIfNull(context);
        var carrier = context.ElicitAsync<CarrierChoice>($"{CarrierQuestion} should ship order {order}?");
        var parcels = context.ElicitAsync<ParcelCount>($"{ParcelQuestion} does order {order} need?");
        await Task.WhenAll(carrier, parcels);
        return Plan(order, await carrier, await parcels);
    }

    [McpServerTool(Name = QuestionsInTurnTool, Title = "Plan a shipment, one question at a time")]
    [Description("Asks for the carrier, then for the number of parcels, then plans the shipment.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> PlanShipmentInTurnAsync(TaskOrchestrationContext context, [Description("The order number.")] string order)
    {
        ArgumentNullException.ThrowIfNull(context);
        var carrier = await context.ElicitAsync<CarrierChoice>($"{CarrierQuestion} should ship order {order}?");
        var parcels = await context.ElicitAsync<ParcelCount>($"{ParcelQuestion} does order {order} need?");
        return Plan(order, carrier, parcels);
    }

    [McpServerTool(Name = AsksBeforeTaskTool, Title = "Plan a shipment, asking for the carrier before the task")]
    [Description("Asks for the carrier before it runs as a task, then for the number of parcels, then plans the shipment.")]
    [DurableTool(TaskSupport.Required, AsksBeforeTask = true)]
    public static Task<string> PlanShipmentAskingFirstAsync(TaskOrchestrationContext context, [Description("The order number.")] string order) =>
        PlanShipmentInTurnAsync(context, order);

    /// <summary>What the shipment tools return, so tests can compare it exactly.</summary>
    public static string Plan(string order, ElicitationOutcome<CarrierChoice> carrier, ElicitationOutcome<ParcelCount> parcels)
    {
        ArgumentNullException.ThrowIfNull(carrier);
        ArgumentNullException.ThrowIfNull(parcels);
        var by = carrier is { Action: ElicitationAction.Accept, Content: { } c } ? $"{c.Carrier}{(c.Insured ? ", insured" : "")}" : $"carrier {carrier.Action}";
        var count = parcels is { Action: ElicitationAction.Accept, Content: { } p } ? string.Create(CultureInfo.InvariantCulture, $"{p.Parcels} parcels") : $"parcels {parcels.Action}";
        return $"Order {order}: {by}; {count}.";
    }
}

/// <summary>The activity of <see cref="TestDurableTools.ExportAsync"/>.</summary>
public sealed class CountParts : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(3);
}

/// <summary>The activity of <see cref="TestDurableTools.LargeReportAsync"/>: the line the report repeats.</summary>
public sealed class ReportLine : TaskActivity<int, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult("0123456789abcdefghijklmnopqrstuvwxyz\n");
}
