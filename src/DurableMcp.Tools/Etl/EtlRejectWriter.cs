using System.Buffers;
using System.Text.Json;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Writes one chunk's rejected rows, one JSON object a line (<c>file</c>, <c>row</c>, <c>reason</c>, <c>record</c>), to
/// the chunk's reject part, streamed; the part is created with the first reject and replaces any earlier attempt's.
/// Each line is written to the blob stream without flushing it: a flush stages a block, and a blob holds at most 50,000.
/// </summary>
internal sealed class EtlRejectWriter(EtlStorage storage, string taskId, int part) : IAsyncDisposable
{
    /// <summary>Longest piece of a rejected record kept in the reject file.</summary>
    public const int MaxRecordChars = 2000;

    private readonly ArrayBufferWriter<byte> _line = new(1024);
    private Stream? _stream;
    private Utf8JsonWriter? _json;

    public long Count { get; private set; }

    public async Task WriteAsync(string file, long row, string reason, string record, CancellationToken cancellationToken = default)
    {
        if (_json is null)
        {
            _stream = await storage.Outputs.OpenWriteAsync(taskId, EtlStorage.RejectPartName(part), "application/x-ndjson", cancellationToken: cancellationToken);
            _json = new Utf8JsonWriter(_line);
        }

        _json.WriteStartObject();
        _json.WriteString("file", file);
        _json.WriteNumber("row", row);
        _json.WriteString("reason", reason);
        _json.WriteString("record", record.Length <= MaxRecordChars ? record : record[..MaxRecordChars] + "…");
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _line.Write("\n"u8);
        await _stream!.WriteAsync(_line.WrittenMemory, cancellationToken);
        _line.ResetWrittenCount();
        Count++;
    }

    /// <summary>Commits the part; with no rejects, deletes one an earlier attempt may have left.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_stream is null)
        {
            await storage.Outputs.Blob(taskId, EtlStorage.RejectPartName(part)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_json is not null)
        {
            await _json.DisposeAsync();
            _json = null;
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync();
            _stream = null;
        }
    }
}
