namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// A Function app root laid out as the package lays it out (the handler's files, host.json, one folder per function with
/// its function.json), in a temporary folder: the handler's build output is linked in, the repository's host.json and
/// function folders are copied. The edit given to <see cref="Create"/> may change a copied file, to test how the handler meets it.
/// </summary>
internal sealed class AppRoot : IDisposable
{
    private AppRoot(string path) => Path = path;

    public string Path { get; }

    public static AppRoot Create(Action<string>? edit = null)
    {
        var root = new AppRoot(Directory.CreateTempSubdirectory("functionhost-approot-").FullName);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Repository.FunctionAppOutput))
        {
            var link = System.IO.Path.Combine(root.Path, System.IO.Path.GetFileName(entry));
            if (Directory.Exists(entry))
            {
                Directory.CreateSymbolicLink(link, entry);
            }
            else
            {
                File.CreateSymbolicLink(link, entry);
            }
        }

        File.Copy(Repository.PathOf("host.json"), System.IO.Path.Combine(root.Path, "host.json"), overwrite: true);
        foreach (var folder in Directory.EnumerateDirectories(Repository.PathOf("functions")))
        {
            var target = Directory.CreateDirectory(System.IO.Path.Combine(root.Path, System.IO.Path.GetFileName(folder)));
            File.Copy(System.IO.Path.Combine(folder, "function.json"), System.IO.Path.Combine(target.FullName, "function.json"));
        }

        edit?.Invoke(root.Path);
        return root;
    }

    public void Dispose()
    {
        // Links only: deleting the folder removes the links, never what they point to.
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path))
        {
            if (new FileInfo(entry).LinkTarget is not null)
            {
                File.Delete(entry);
            }
        }

        Directory.Delete(Path, recursive: true);
    }
}
