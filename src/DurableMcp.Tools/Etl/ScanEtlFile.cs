using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Plans one file: reads it once, streamed, and notes the byte offset after every <c>chunkRows</c>-th row, so each chunk
/// can later be read alone with a ranged download. The offsets come from the same record reader that loads the chunks,
/// so a quoted CSV field with line breaks never splits a chunk wrongly, and row numbers agree between the two passes.
/// The plan is the activity's result: Durable Functions records it, so a replay or a crash never re-plans differently.
/// </summary>
public sealed class ScanEtlFile(EtlStorage storage) : TaskActivity<ScanEtlFileInput, EtlFileScan>
{
    public override async Task<EtlFileScan> RunAsync(TaskActivityContext context, ScanEtlFileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = input.Source;
        Stream stream;
        ETag etag;
        try
        {
            var blob = storage.Source(input.Container).GetBlobClient(source.Name);
            etag = (await blob.GetPropertiesAsync()).Value.ETag;
            stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true) { Conditions = new BlobRequestConditions { IfMatch = etag } });
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new EtlFileScan(source.Name, 0, null, [], "deleted since it was listed");
        }

        await using (stream)
        {
            var reader = new DelimitedRecordReader(stream, skipBom: true);
            IReadOnlyList<string>? header = null;
            if (source.Format == "csv")
            {
                var (fields, malformed) = await reader.ReadCsvAsync();
                if (fields is null || malformed is not null)
                {
                    return new EtlFileScan(source.Name, 0, null, [], fields is null ? "empty: no header row" : "the header row " + malformed);
                }

                header = fields;
                var missing = input.RequiredFields.Where(f => !fields.Contains(f, StringComparer.Ordinal)).ToList();
                if (missing.Count > 0)
                {
                    return new EtlFileScan(source.Name, 0, header, [], $"the header lacks {string.Join(", ", missing.Select(m => $"'{m}'"))}, needed by required columns");
                }
            }

            var chunks = new List<EtlChunk>();
            var start = source.Format == "csv" ? reader.Offset : 0;
            var rows = 0L;
            var inChunk = 0;
            while (source.Format == "csv" ? (await reader.ReadCsvAsync(decode: false)).Fields is not null : await reader.ReadLineAsync() is not null)
            {
                rows++;
                if (++inChunk == input.ChunkRows)
                {
                    chunks.Add(new EtlChunk(source.Name, source.Format, start, reader.Offset, rows - inChunk + 1, inChunk, etag.ToString()));
                    (start, inChunk) = (reader.Offset, 0);
                }
            }

            if (inChunk > 0)
            {
                chunks.Add(new EtlChunk(source.Name, source.Format, start, reader.Offset, rows - inChunk + 1, inChunk, etag.ToString()));
            }

            return new EtlFileScan(source.Name, rows, header, chunks, null);
        }
    }
}
