namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>The carriers the shipment questions offer (an enum field: a single choice of its names).</summary>
public enum ShippingCarrier
{
    Post,
    Courier,
    Freight,
}
