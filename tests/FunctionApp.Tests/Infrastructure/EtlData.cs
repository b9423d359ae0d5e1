using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Source files for <c>run_etl</c> tests and what loading them must give: a CSV file and a JSON Lines file with good
/// rows, rows the mapping rejects (each for a known reason), a filtered row, a quoted field with a comma and quotes, one
/// with a line break, a blank line; and a file the tool skips.
/// </summary>
internal static class EtlData
{
    public const string Csv =
        "order_id,region,amount,quantity,note\n" +
        "A1,north,10.5,2,plain\n" +
        "A2,south,3,4,\"comma, and \"\"quotes\"\"\"\r\n" +
        "A3,east,abc,1,bad amount\n" +
        ",west,5,1,no id\n" +
        "A5,north,0,7,zero\n" +
        "\n" +
        "A6,south,2.25,2,\"two\nlines\"\n" +
        "A7,east,1,2\n";

    public const string Jsonl =
        "{\"order_id\":\"B1\",\"region\":\"west\",\"amount\":7,\"quantity\":3,\"note\":null}\n" +
        "{\"order_id\":\"B2\",\"region\":\"north\",\"amount\":\"1.5\",\"quantity\":2}\n" +
        "not json\n" +
        "[1,2]\n" +
        "{\"order_id\":\"B5\",\"region\":\"east\",\"amount\":4,\"quantity\":\"x\"}";

    /// <summary>The rows loaded: order id, region, amount, quantity, note (null: none).</summary>
    public static readonly IReadOnlyList<(string Id, string Region, double Amount, int Quantity, string? Note)> Loaded =
    [
        ("A1", "north", 10.5, 2, "plain"),
        ("A2", "south", 3, 4, "comma, and \"quotes\""),
        ("A6", "south", 2.25, 2, "two\nlines"),
        ("B1", "west", 7, 3, null),
        ("B2", "north", 1.5, 2, null),
    ];

    /// <summary>The rejected rows, in reject-file order: file, row, a piece of the reason.</summary>
    public static readonly IReadOnlyList<(string File, int Row, string Reason)> Rejected =
    [
        ("orders/a.csv", 3, "'Amount': 'abc' is not a double"),
        ("orders/a.csv", 4, "'OrderId': no value for 'order_id'"),
        ("orders/a.csv", 7, "has 4 fields; the header has 5"),
        ("orders/b.jsonl", 3, "not valid JSON"),
        ("orders/b.jsonl", 4, "not a JSON object"),
        ("orders/b.jsonl", 5, "'Quantity': 'x' is not an int"),
    ];

    public const int Rows = 12;
    public const int Filtered = 1;

    /// <summary>The mapping of the tests: rename, cast, derive (arithmetic and template), filter; default keys.</summary>
    public static JsonObject Mapping() => new()
    {
        ["columns"] = new JsonArray(
            new JsonObject { ["name"] = "OrderId", ["from"] = "order_id", ["required"] = true },
            new JsonObject { ["name"] = "Region", ["from"] = "region" },
            new JsonObject { ["name"] = "Amount", ["from"] = "amount", ["type"] = "double" },
            new JsonObject { ["name"] = "Quantity", ["from"] = "quantity", ["type"] = "int" },
            new JsonObject { ["name"] = "Total", ["derive"] = "Amount * Quantity" },
            new JsonObject { ["name"] = "Label", ["derive"] = "{Region}-{OrderId}" },
            new JsonObject { ["name"] = "Note", ["from"] = "note" }),
        ["filter"] = new JsonArray(new JsonObject { ["column"] = "Amount", ["op"] = "gt", ["value"] = 0 }),
    };

    /// <summary>A new container with the two source files (and a text file the tool skips) under <c>orders/</c>.</summary>
    public static async Task<string> UploadAsync(AzuriteFixture azurite)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("etl"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("orders/a.csv").UploadAsync(BinaryData.FromString(Csv), overwrite: true);
        await container.GetBlobClient("orders/b.jsonl").UploadAsync(BinaryData.FromString(Jsonl), overwrite: true);
        await container.GetBlobClient("orders/readme.txt").UploadAsync(BinaryData.FromString("not data"), overwrite: true);
        return container.Name;
    }

    /// <summary>A new container with one generated CSV file of <paramref name="rows"/> rows under <c>big/</c> (good rows unless <paramref name="amount"/> says otherwise).</summary>
    public static async Task<string> UploadGeneratedAsync(AzuriteFixture azurite, int rows, string? amount = null)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("etlbig"));
        await container.CreateIfNotExistsAsync();
        var text = new StringBuilder("order_id,region,amount,quantity,note\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"G{i},r{i % 7},{amount ?? $"{(i % 100) + 1}.5"},{(i % 9) + 1},generated\n");
        }

        await container.GetBlobClient("big/orders.csv").UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true);
        return container.Name;
    }

    /// <summary>A new table name with one row in it already (so <c>run_etl</c> asks first).</summary>
    public static async Task<string> SeededTableAsync(AzuriteFixture azurite)
    {
        var name = NewTable();
        var table = Tables(azurite).GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new TableEntity("seed", "1") { ["OrderId"] = "SEED" });
        return name;
    }

    public static string NewTable() => "etl" + Guid.NewGuid().ToString("N")[..12];

    public static TableServiceClient Tables(AzuriteFixture azurite) => new(azurite.ConnectionString);

    /// <summary>Every row of the table.</summary>
    public static async Task<List<TableEntity>> RowsAsync(AzuriteFixture azurite, string table)
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in Tables(azurite).GetTableClient(table).QueryAsync<TableEntity>())
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>How many rows the table holds.</summary>
    public static async Task<int> CountAsync(AzuriteFixture azurite, string table)
    {
        var count = 0;
        await foreach (var _ in Tables(azurite).GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The rows done so far, from a status message like <c>"412 / 1,000 rows"</c>; -1 for other messages.</summary>
    public static long RowsDone(JsonObject task)
    {
        var message = TaskAssert.StatusMessage(task) ?? "";
        var slash = message.IndexOf(" / ", StringComparison.Ordinal);
        return slash > 0 && message.EndsWith(" rows", StringComparison.Ordinal) &&
               long.TryParse(message[..slash], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var done)
            ? done
            : -1;
    }

    /// <summary><c>resources/read</c> of <paramref name="uri"/> (2026-07-28).</summary>
    public static Task<McpResponse> ReadResourceAsync(McpHttpClient client, string uri) =>
        client.RequestAsync("resources/read", new JsonObject { ["uri"] = uri }, name: uri);
}
