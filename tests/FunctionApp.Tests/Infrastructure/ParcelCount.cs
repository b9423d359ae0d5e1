using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>A typed question: how many parcels the order needs.</summary>
public sealed class ParcelCount
{
    [Description("Parcels for the order.")]
    [Range(1, 20)]
    public required int Parcels { get; set; }
}
