using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Hosting;

/// <summary>Cross-field rules the data annotations cannot express.</summary>
internal sealed class DurableEngineOptionsValidator : IValidateOptions<DurableEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, DurableEngineOptions options)
    {
        var explicitUris = new[] { options.BlobServiceUri, options.QueueServiceUri, options.TableServiceUri }.Count(u => u is not null);
        if (explicitUris is not 0 and not 3)
        {
            return ValidateOptionsResult.Fail("Set all three of BlobServiceUri, QueueServiceUri and TableServiceUri, or none of them.");
        }

        if (explicitUris == 0 && string.IsNullOrWhiteSpace(options.AccountName) && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Configure storage: DurableEngine:ConnectionString, DurableEngine:AccountName, or the three service URIs.");
        }

        return ValidateOptionsResult.Success;
    }
}
