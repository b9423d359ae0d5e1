using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using DurableMcp.Tools.Logging;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Loads one chunk: a ranged, streamed download of its bytes, each row parsed, mapped and either upserted into the table
/// (<see cref="EtlTableWriter"/>), written to the chunk's reject part with its reason, or counted as filtered. Row keys
/// come from the rows (the mapping's key columns, or the file and row number), so loading a chunk again writes the same
/// rows: an activity retried or re-run after a crash never duplicates anything. Bad rows never fail the chunk.
/// </summary>
public sealed class LoadEtlChunk(EtlStorage storage, ILogger<LoadEtlChunk> logger) : TaskActivity<LoadEtlChunkInput, EtlChunkResult>
{
    /// <summary>Rows per default partition: one file's rows go to partitions of this many, in row order.</summary>
    public const int DefaultPartitionRows = 1000;

    // Keys may not hold these (nor control characters); a key longer than this is refused here rather than by the service.
    private static readonly char[] ForbiddenKeyCharacters = ['/', '\\', '#', '?'];
    private const int MaxKeyLength = 512;

    public override async Task<EtlChunkResult> RunAsync(TaskActivityContext context, LoadEtlChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var transform = EtlTransform.Compile(input.Mapping, problems) ?? throw new InvalidOperationException("The mapping is invalid: " + string.Join(" ", problems));
        var names = transform.Names.ToArray();
        var chunk = input.Chunk;
        var fileKey = EtlStorage.FileKey(chunk.File);
        var download = await storage.Source(input.Container).GetBlobClient(chunk.File).DownloadStreamingAsync(new BlobDownloadOptions
        {
            Range = new HttpRange(chunk.Start, chunk.End - chunk.Start),
            Conditions = new BlobRequestConditions { IfMatch = new ETag(chunk.ETag) },
        });

        await using var rejects = new EtlRejectWriter(storage, input.TaskId, input.Part);
        var writer = new EtlTableWriter(storage.Table(input.Table), (entity, row, reason) =>
            rejects.WriteAsync(chunk.File, row, "the table refused the row: " + reason, string.Join(",", entity.Where(p => p.Key is not ("odata.etag" or "Timestamp")).Select(p => $"{p.Key}={p.Value}"))));
        var header = input.Header is { } fields ? HeaderIndex(fields) : null;
        long read = 0, filtered = 0;
        await using (var stream = download.Value.Content)
        {
            var reader = new DelimitedRecordReader(stream, skipBom: chunk.Start == 0);
            for (var row = chunk.FirstRow; read < chunk.Rows; row++)
            {
                var (outcome, record, end) = header is not null ? await ReadCsvRowAsync(reader, header, input.Header!.Count, transform) : await ReadJsonRowAsync(reader, transform);
                if (end)
                {
                    break;
                }

                read++;
                if (outcome.IsFiltered)
                {
                    filtered++;
                    continue;
                }

                if (outcome.Rejection is { } rejection)
                {
                    await rejects.WriteAsync(chunk.File, row, rejection, record);
                    continue;
                }

                var entity = ToEntity(outcome.Values!, names, transform, fileKey, row, out var bytes, out var keyProblem);
                if (entity is null)
                {
                    await rejects.WriteAsync(chunk.File, row, keyProblem!, record);
                    continue;
                }

                await writer.AddAsync(entity, row, bytes);
            }
        }

        await writer.FlushAsync();
        await rejects.CompleteAsync();
        ToolsLog.ChunkLoaded(logger, input.Part, input.TaskId, writer.Loaded, rejects.Count, filtered);
        return new EtlChunkResult(read, writer.Loaded, rejects.Count, filtered);
    }

    private static async Task<(EtlRow Outcome, string Record, bool End)> ReadCsvRowAsync(
        DelimitedRecordReader reader, Dictionary<string, int> header, int width, EtlTransform transform)
    {
        var (fields, malformed) = await reader.ReadCsvAsync();
        if (fields is null)
        {
            return (default, "", true);
        }

        var record = string.Join(",", fields);
        if (malformed is not null)
        {
            return (EtlRow.Rejected(malformed), record, false);
        }

        if (fields.Count != width)
        {
            return (EtlRow.Rejected($"has {fields.Count} fields; the header has {width}"), record, false);
        }

        return (transform.Apply(name => header.TryGetValue(name, out var i) ? fields[i] : null), record, false);
    }

    private static async Task<(EtlRow Outcome, string Record, bool End)> ReadJsonRowAsync(DelimitedRecordReader reader, EtlTransform transform)
    {
        var line = await reader.ReadLineAsync();
        if (line is null)
        {
            return (default, "", true);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (EtlRow.Rejected("not valid JSON: " + e.Message.Split(" LineNumber", 2)[0]), line, false);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (EtlRow.Rejected("not a JSON object"), line, false);
            }

            var root = document.RootElement;
            return (transform.Apply(name => root.TryGetProperty(name, out var value) ? Text(value) : null), line, false);
        }
    }

    /// <summary>A JSON value as the text a column casts: strings as they are, numbers and booleans as written, null as absent.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static Dictionary<string, int> HeaderIndex(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i], i);
        }

        return index;
    }

    private static TableEntity? ToEntity(object?[] values, string[] names, EtlTransform transform, string fileKey, long row, out long bytes, out string? problem)
    {
        bytes = 0;
        var partitionKey = transform.PartitionKeyIndex is { } p ? Key(values[p], names[p], out problem) : DefaultPartition(fileKey, row, out problem);
        var rowKey = problem is null
            ? transform.RowKeyIndex is { } r ? Key(values[r], names[r], out problem)
            : transform.PartitionKeyIndex is null ? $"{row:D10}" : $"{fileKey}-{row:D10}"
            : null;
        if (problem is not null)
        {
            return null;
        }

        var entity = new TableEntity(partitionKey, rowKey);
        bytes = 128 + ((partitionKey!.Length + rowKey!.Length) * 2);
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                entity[names[i]] = value;
                bytes += (names[i].Length * 2) + (value is string s ? (s.Length * 2) + 4 : 8);
            }
        }

        if (bytes > 960 * 1024)
        {
            problem = $"the row is about {bytes / 1024:N0} KiB; a table row holds at most 1 MiB";
            return null;
        }

        return entity;
    }

    private static string? DefaultPartition(string fileKey, long row, out string? problem)
    {
        problem = null;
        return $"{fileKey}-{(row - 1) / DefaultPartitionRows:D7}";
    }

    private static string? Key(object? value, string column, out string? problem)
    {
        problem = null;
        var key = value is null ? null : EtlValueTypes.Format(value);
        if (string.IsNullOrEmpty(key))
        {
            problem = $"the key column '{column}' has no value";
        }
        else if (key.Length > MaxKeyLength || key.IndexOfAny(ForbiddenKeyCharacters) >= 0 || key.Any(char.IsControl))
        {
            problem = $"the key column '{column}' holds '{EtlValueTypes.Short(key)}': keys are at most {MaxKeyLength} characters, without / \\ # ? or control characters";
        }

        return problem is null ? key : null;
    }
}
