using DurableMcp.Tools.Documents;

namespace DurableMcp.Tools.Tests;

public sealed class BlobContainerNameAttributeTests
{
    [Theory]
    [InlineData("documents")]
    [InlineData("abc")]
    [InlineData("a-b-c9")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void IsValid_AzureContainerNames_Accepted(string name) => Assert.True(new BlobContainerNameAttribute().IsValid(name));

    [Theory]
    [InlineData("../..")]
    [InlineData("ab")]
    [InlineData("Documents")]
    [InlineData("a--b")]
    [InlineData("-ab")]
    [InlineData("ab-")]
    [InlineData("a b")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData(null)]
    public void IsValid_AnythingElse_Refused(string? name) => Assert.False(new BlobContainerNameAttribute().IsValid(name));
}
