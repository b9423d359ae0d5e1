using System.ComponentModel;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// What <c>run_etl</c> does to each source row: the columns to load (each renamed from a source field and cast, or
/// derived from earlier columns), the conditions a row must meet to be loaded, and the table keys.
/// </summary>
/// <param name="Columns">The columns loaded, in order. Only these are loaded.</param>
/// <param name="Filter">Conditions every loaded row meets; other rows are skipped (counted, not rejected).</param>
/// <param name="PartitionKey">The column whose value is the table PartitionKey.</param>
/// <param name="RowKey">The column whose value is the table RowKey.</param>
public sealed record EtlMapping(
    [property: Description("The columns to load, in order (only these are loaded). Each is {\"name\", \"from\"?, \"type\"?, \"required\"?} or {\"name\", \"derive\", \"type\"?}.")]
    IReadOnlyList<EtlColumn> Columns,
    [property: Description("Conditions a row must meet to be loaded, all of them: {\"column\", \"op\": eq|ne|gt|ge|lt|le, \"value\"}. A row with the column empty meets none. Other rows are skipped and counted as filtered.")]
    IReadOnlyList<EtlFilter>? Filter = null,
    [property: Description("A column whose value becomes the table PartitionKey. Default: one partition per 1,000 rows of a source file.")]
    string? PartitionKey = null,
    [property: Description("A column whose value becomes the table RowKey (needs partitionKey too); rows with the same keys replace each other. Default: the row's position in its file.")]
    string? RowKey = null);
