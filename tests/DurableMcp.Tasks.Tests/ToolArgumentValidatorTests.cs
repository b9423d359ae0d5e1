using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.DurableTask;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class ToolArgumentValidatorTests
{
    private static readonly JsonSerializerOptions Serializer = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Validate_GoodArguments_Null()
    {
        Assert.Null(Validate("""{"container":"c","batchSize":10}"""));
        Assert.Null(Validate("""{"container":"c"}"""));
    }

    [Fact]
    public void Validate_MissingRequired_NamesIt()
    {
        Assert.Contains("'container' is required", Text(Validate("{}")));
    }

    [Fact]
    public void Validate_WrongType_NamesParameterAndExpectedType()
    {
        var message = Text(Validate("""{"container":"c","batchSize":"many"}"""));

        Assert.Contains("'batchSize' must be an integer", message);
        Assert.Contains("\"many\"", message);
    }

    [Fact]
    public void Validate_OutOfRange_NamesBounds()
    {
        Assert.Contains("between 1 and 1000", Text(Validate("""{"container":"c","batchSize":0}""")));
    }

    [Fact]
    public void Validate_AnyValidationAttribute_ItsOwnMessage()
    {
        var message = Text(Validate("""{"container":"c","prefix":"../.."}"""));

        Assert.Contains("'prefix' must not climb out of the container.", message);
        Assert.Contains("Got \"../..\".", message);
    }

    [Fact]
    public void Validate_UnknownArgument_IsRejected()
    {
        Assert.Contains("'colour' is not a parameter", Text(Validate("""{"container":"c","colour":"red"}""")));
    }

    [Fact]
    public void IsSchemaParameter_ExcludesInjectedParameters()
    {
        var parameters = typeof(ToolArgumentValidatorTests).GetMethod(nameof(SampleTool), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetParameters();

        Assert.Equal(["container", "prefix", "batchSize"], parameters.Where(ToolArgumentValidator.IsSchemaParameter).Select(p => p.Name));
    }

    internal static Task SampleTool(TaskOrchestrationContext context, string container, [NoClimbing] string prefix = "", [Range(1, 1000)] int batchSize = 100, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    [AttributeUsage(AttributeTargets.Parameter)]
    private sealed class NoClimbingAttribute() : ValidationAttribute("'{0}' must not climb out of the container.")
    {
        public override bool IsValid(object? value) => value is not string s || !s.Contains("..", StringComparison.Ordinal);
    }

    private static CallToolResult? Validate(string arguments) =>
        new ToolArgumentValidator(
            "sample",
            typeof(ToolArgumentValidatorTests).GetMethod(nameof(SampleTool), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!)
            .Validate(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(arguments), Serializer);

    private static string Text(CallToolResult? result)
    {
        Assert.NotNull(result);
        Assert.True(result.IsError);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }
}
