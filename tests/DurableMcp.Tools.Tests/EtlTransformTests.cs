using System.Text.Json;
using DurableMcp.Tools.Etl;

namespace DurableMcp.Tools.Tests;

public sealed class EtlTransformTests
{
    [Fact]
    public void Apply_RenameCastDeriveFilter_GivesTheLoadedValues()
    {
        var transform = Compile("""
            {"columns":[{"name":"Id","from":"id","required":true},{"name":"Price","from":"price","type":"double"},{"name":"Qty","from":"qty","type":"int"},
              {"name":"Total","derive":"Price * Qty"},{"name":"Half","derive":"Qty / 2","type":"double"},{"name":"Label","derive":"{Id}:{Qty}"},
              {"name":"Paid","from":"paid","type":"bool"},{"name":"At","from":"at","type":"datetime"}],
             "filter":[{"column":"Qty","op":"ge","value":1}]}
            """);

        var row = transform.Apply(Source(("id", "A"), ("price", " 2.5 "), ("qty", "3"), ("paid", "yes"), ("at", "2026-12-02T10:00:00+01:00")));

        Assert.Null(row.Rejection);
        Assert.Equal<object?>(["A", 2.5, 3, 7.5, 1.5, "A:3", true, new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)], row.Values!);
    }

    [Theory]
    [InlineData("price", "abc", "'Price': 'abc' is not a double")]
    [InlineData("qty", "1.5", "'Qty': '1.5' is not an int")]
    [InlineData("id", "", "'Id': no value for 'id'")]
    [InlineData("at", "1500-01-01", "before 1601-01-01")]
    public void Apply_ValueThatDoesNotFit_RejectedWithTheReason(string field, string value, string reason)
    {
        var transform = Compile("""{"columns":[{"name":"Id","from":"id","required":true},{"name":"Price","from":"price","type":"double"},{"name":"Qty","from":"qty","type":"int"},{"name":"At","from":"at","type":"datetime"}]}""");
        var fields = new Dictionary<string, string> { ["id"] = "A", ["price"] = "1", ["qty"] = "1", ["at"] = "2026-01-01", [field] = value };

        var row = transform.Apply(name => fields.GetValueOrDefault(name));

        Assert.Contains(reason, row.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FilterFails_OrColumnEmpty_RowFiltered()
    {
        var transform = Compile("""{"columns":[{"name":"Qty","type":"int"},{"name":"Region"}],"filter":[{"column":"Qty","op":"gt","value":0},{"column":"Region","op":"ne","value":"x"}]}""");

        Assert.True(transform.Apply(Source(("Qty", "0"), ("Region", "a"))).IsFiltered);
        Assert.True(transform.Apply(Source(("Qty", "2"), ("Region", "x"))).IsFiltered);
        Assert.True(transform.Apply(Source(("Region", "a"))).IsFiltered);
        Assert.NotNull(transform.Apply(Source(("Qty", "2"), ("Region", "a"))).Values);
    }

    [Fact]
    public void Apply_DivisionByZero_Rejected_EmptyOperand_NoValue()
    {
        var transform = Compile("""{"columns":[{"name":"A","type":"double"},{"name":"B","type":"double"},{"name":"Ratio","derive":"A / B"}]}""");

        Assert.Equal("'Ratio': division by zero", transform.Apply(Source(("A", "1"), ("B", "0"))).Rejection);
        Assert.Null(transform.Apply(Source(("A", "1"))).Values![2]);
    }

    [Fact]
    public void Compile_EveryProblem_NamedAtOnce()
    {
        var problems = new List<string>();

        var transform = EtlTransform.Compile(Mapping("""
            {"columns":[{"name":"RowKey"},{"name":"1bad"},{"name":"A","type":"decimal"},{"name":"a"},{"name":"S"},{"name":"T","derive":"S * 2"},
              {"name":"U","derive":"{Nope}"},{"name":"V","derive":"{S}","type":"int"},{"name":"W","from":"w","derive":"S + 1"},{"name":"X","derive":"S +"}],
             "filter":[{"column":"S","op":"gt","value":1},{"column":"S","op":"like","value":"x"}],"partitionKey":"Missing"}
            """), problems);

        Assert.Null(transform);
        Assert.Equal(
        [
            "mapping.columns[0] ('RowKey'): 'RowKey' is a system property of table rows; choose another name (use 'partitionKey'/'rowKey' to set the keys).",
            "mapping.columns[1] ('1bad'): 'name' must be a letter or '_' followed by letters, digits or '_' (at most 255).",
            "mapping.columns[2] ('A'): 'type' must be one of string, int, long, double, bool, datetime, not 'decimal'.",
            "mapping.columns[3] ('a'): the name 'a' is used twice (names are case-insensitive in tables).",
            "mapping.columns[5] ('T'): 'derive' uses 'S', a string column; arithmetic needs int, long or double columns.",
            "mapping.columns[6] ('U'): 'derive' uses '{Nope}', which is not an earlier column.",
            "mapping.columns[7] ('V'): a template ('{S}') makes a string; 'type' cannot be int.",
            "mapping.columns[8] ('W'): give 'from' or 'derive', not both.",
            "mapping.columns[9] ('X'): 'derive' 'S +' must be 'a op b' with spaces around one of + - * / (or a template with {column} placeholders).",
            "mapping.filter[0]: 'value' 1 cannot be compared with 'S', a string column.",
            "mapping.filter[1]: 'op' must be one of eq, ne, gt, ge, lt, le, not 'like'.",
            "'mapping.partitionKey' must name a column of mapping.columns, not 'Missing'.",
        ],
        problems);
    }

    [Fact]
    public void Compile_NoColumns_OneProblem()
    {
        var problems = new List<string>();

        Assert.Null(EtlTransform.Compile(Mapping("""{"columns":[]}"""), problems));
        Assert.Equal(["'mapping.columns' must list at least one column."], problems);
    }

    [Fact]
    public void MappingRulesAttribute_InvalidMapping_ExplainsEachProblem()
    {
        var attribute = new EtlMappingRulesAttribute();

        var result = attribute.GetValidationResult(Mapping("""{"columns":[{"name":"A","type":"x"}],"rowKey":"A"}"""), new System.ComponentModel.DataAnnotations.ValidationContext(new object()) { MemberName = "mapping" });

        Assert.Equal("mapping.columns[0] ('A'): 'type' must be one of string, int, long, double, bool, datetime, not 'x'. 'mapping.rowKey' needs 'mapping.partitionKey' too: a table row is identified by both keys.", result?.ErrorMessage);
        Assert.Null(attribute.GetValidationResult(Mapping("""{"columns":[{"name":"A"}]}"""), new System.ComponentModel.DataAnnotations.ValidationContext(new object())));
    }

    private static EtlTransform Compile(string json)
    {
        var problems = new List<string>();
        return EtlTransform.Compile(Mapping(json), problems) ?? throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine, problems));
    }

    private static EtlMapping Mapping(string json) => JsonSerializer.Deserialize<EtlMapping>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    private static Func<string, string?> Source(params (string Name, string Value)[] fields) =>
        name => fields.Where(f => f.Name == name).Select(f => f.Value).FirstOrDefault();
}
