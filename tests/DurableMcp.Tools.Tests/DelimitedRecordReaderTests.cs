using System.Text;
using DurableMcp.Tools.Etl;

namespace DurableMcp.Tools.Tests;

public sealed class DelimitedRecordReaderTests
{
    [Fact]
    public async Task ReadCsvAsync_QuotesCommasLineBreaksCrlfAndBlankLines_ParsedAsRfc4180()
    {
        var reader = Reader("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n,,\nlast,row,\"\"");

        Assert.Equal(["a", "b", "c"], (await reader.ReadCsvAsync()).Fields);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], (await reader.ReadCsvAsync()).Fields);
        Assert.Equal(["", "", ""], (await reader.ReadCsvAsync()).Fields);
        Assert.Equal(["last", "row", ""], (await reader.ReadCsvAsync()).Fields);
        Assert.Null((await reader.ReadCsvAsync()).Fields);
    }

    [Fact]
    public async Task ReadCsvAsync_UnclosedQuoteAtTheEnd_ReportedAsMalformed()
    {
        var reader = Reader("a,\"never closed\nstill in it");

        var (fields, malformed) = await reader.ReadCsvAsync();

        Assert.Equal(["a", "never closed\nstill in it"], fields);
        Assert.Contains("not closed", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadCsvAsync_Offsets_AreRecordBoundariesAChunkCanStartAt()
    {
        const string text = "\uFEFFh1,h2\n1,\"a\nb\"\n\n2,c\n3,d";
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new DelimitedRecordReader(new MemoryStream(bytes), skipBom: true);
        await reader.ReadCsvAsync();
        var afterHeader = reader.Offset;
        await reader.ReadCsvAsync(decode: false);
        var afterFirst = reader.Offset;

        // A chunk read from a recorded offset sees exactly the rows after it, whatever quotes came before.
        var chunk = new DelimitedRecordReader(new MemoryStream(bytes[(int)afterFirst..]));
        Assert.Equal(["2", "c"], (await chunk.ReadCsvAsync()).Fields);
        Assert.Equal(["3", "d"], (await chunk.ReadCsvAsync()).Fields);
        Assert.Null((await chunk.ReadCsvAsync()).Fields);
        var first = new DelimitedRecordReader(new MemoryStream(bytes[(int)afterHeader..(int)afterFirst]));
        Assert.Equal(["1", "a\nb"], (await first.ReadCsvAsync()).Fields);
        Assert.Equal(bytes.Length, await EndOffsetAsync(new DelimitedRecordReader(new MemoryStream(bytes), skipBom: true)));
    }

    [Fact]
    public async Task ReadCsvAsync_RecordsLongerThanTheBuffer_ReadWhole()
    {
        var big = new string('x', 200_000);
        var reader = Reader($"{big},\"{big}\"\nend");

        Assert.Equal([big, big], (await reader.ReadCsvAsync()).Fields);
        Assert.Equal(["end"], (await reader.ReadCsvAsync()).Fields);
    }

    [Fact]
    public async Task ReadLineAsync_SkipsBlankLines_KeepsUtf8()
    {
        var reader = Reader("{\"a\":\"é\"}\r\n\n   \n{\"b\":2}");

        Assert.Equal("{\"a\":\"é\"}", await reader.ReadLineAsync());
        Assert.Equal("{\"b\":2}", await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    private static DelimitedRecordReader Reader(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<long> EndOffsetAsync(DelimitedRecordReader reader)
    {
        while ((await reader.ReadCsvAsync(decode: false)).Fields is not null)
        {
        }

        return reader.Offset;
    }
}
