using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableMcp.Tools.Outputs;

namespace DurableMcp.Tools.Etl;

/// <summary>Where <c>run_etl</c> reads (blobs), loads (tables) and writes its outputs (the task's output folder).</summary>
public sealed class EtlStorage(BlobServiceClient blobs, TableServiceClient tables, BlobTaskOutputStore outputs)
{
    /// <summary>The summary output's name.</summary>
    public const string SummaryName = "summary.json";

    /// <summary>The reject file's name.</summary>
    public const string RejectsName = "rejects.jsonl";

    public BlobContainerClient Source(string container) => blobs.GetBlobContainerClient(container);

    public TableClient Table(string table) => tables.GetTableClient(table);

    public BlobTaskOutputStore Outputs => outputs;

    /// <summary>One chunk's rejected rows, kept apart until the end of the run merges them into <see cref="RejectsName"/>.</summary>
    public static string RejectPartName(int part) => string.Create(CultureInfo.InvariantCulture, $"parts/rejects-{part:D6}.jsonl");

    /// <summary>
    /// A short, stable key for a source file (its name may hold characters table keys cannot): the first 12 hex digits of
    /// the SHA-256 of its name. With the row number it gives every row the same keys on every run.
    /// </summary>
    public static string FileKey(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
}
