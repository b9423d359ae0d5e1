using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DurableMcp.Bench;

/// <summary>
/// Writes the repos phase's Git repositories: bare repositories of one commit each (<see cref="RepositoryBlueprint"/>),
/// made with one <c>git fast-import</c> per repository into a copy of one empty bare repository, so generating 200 costs
/// about 200 short git processes rather than an init, adds and a commit each.
/// </summary>
internal static class RepositoryGenerator
{
    /// <summary>Generates <paramref name="count"/> repositories under <paramref name="directory"/>; returns their file:// URLs in order.</summary>
    public static async Task<IReadOnlyList<string>> GenerateAsync(string directory, int count, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        var template = Path.Combine(directory, "template.git");
        await GitAsync(["init", "--quiet", "--bare", "--template=", "--initial-branch=main", template], null, cancellationToken);
        var paths = Enumerable.Range(0, count).Select(i => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"repo{i:D4}.git"))).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            CopyDirectory(template, paths[i]);
            await GitAsync(["--git-dir", paths[i], "fast-import", "--quiet"], Stream(i), ct);
        });
        return [.. paths.Select(p => new Uri(p).AbsoluteUri)];
    }

    /// <summary>One commit on main holding every file of the blueprint (ASCII text, so byte counts are character counts).</summary>
    private static string Stream(int index)
    {
        var stream = new StringBuilder();
        var time = 1_767_225_600L + index; // fixed times: the same index always makes the same commit
        var message = string.Create(CultureInfo.InvariantCulture, $"Generated repository {index}\n");
        stream.Append(CultureInfo.InvariantCulture, $"commit refs/heads/main\nauthor Bench <bench@example.com> {time} +0000\ncommitter Bench <bench@example.com> {time} +0000\n");
        stream.Append(CultureInfo.InvariantCulture, $"data {message.Length}\n{message}");
        foreach (var (path, content) in RepositoryBlueprint.Files(index))
        {
            stream.Append(CultureInfo.InvariantCulture, $"M 100644 inline {path}\ndata {content.Length}\n{content}\n");
        }

        return stream.Append("done\n").ToString();
    }

    private static async Task GitAsync(string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false), // no byte order mark before the stream
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed (exit code {process.ExitCode}): {await error}");
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
