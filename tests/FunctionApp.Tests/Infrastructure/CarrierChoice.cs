using System.ComponentModel;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>A typed question: which carrier ships the order, and whether to insure it.</summary>
public sealed class CarrierChoice
{
    [Description("Who ships the order.")]
    public required ShippingCarrier Carrier { get; set; }

    [Description("Insure the shipment?")]
    public bool Insured { get; set; }
}
