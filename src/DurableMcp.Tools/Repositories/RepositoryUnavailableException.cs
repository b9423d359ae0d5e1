namespace DurableMcp.Tools.Repositories;

/// <summary>A repository that cannot be fetched and will not become fetchable by retrying: not found, not a repository, private.</summary>
internal sealed class RepositoryUnavailableException : Exception
{
    public RepositoryUnavailableException()
    {
    }

    public RepositoryUnavailableException(string message)
        : base(message)
    {
    }

    public RepositoryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
