using System.Buffers;
using System.Text.RegularExpressions;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// The declared checks of <c>evaluate_repositories</c> on a checked-out folder: languages and lines by file extension,
/// tests, CI configuration, licence, README, dependency manifests, build files and TODO/FIXME density. Pure functions of
/// the folder's files (paths are sorted, nothing depends on time or enumeration order), so the same commit always gives
/// the same result. Symbolic links are not followed and the .git folder is left out.
/// </summary>
internal static partial class RepositoryInspector
{
    /// <summary>Code files larger than this are counted as files but their lines are not read.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>At most this many manifests and build files are listed (all are counted in the score's checks).</summary>
    public const int MaxListed = 20;

    private static readonly Dictionary<string, string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = "C#", [".fs"] = "F#", [".vb"] = "Visual Basic", [".py"] = "Python", [".js"] = "JavaScript", [".mjs"] = "JavaScript",
        [".cjs"] = "JavaScript", [".jsx"] = "JavaScript", [".ts"] = "TypeScript", [".tsx"] = "TypeScript", [".go"] = "Go", [".rs"] = "Rust",
        [".java"] = "Java", [".kt"] = "Kotlin", [".kts"] = "Kotlin", [".scala"] = "Scala", [".rb"] = "Ruby", [".php"] = "PHP", [".c"] = "C",
        [".h"] = "C", [".cpp"] = "C++", [".cc"] = "C++", [".cxx"] = "C++", [".hpp"] = "C++", [".swift"] = "Swift", [".m"] = "Objective-C",
        [".sh"] = "Shell", [".bash"] = "Shell", [".ps1"] = "PowerShell", [".sql"] = "SQL", [".html"] = "HTML", [".css"] = "CSS",
        [".scss"] = "CSS", [".lua"] = "Lua", [".r"] = "R", [".dart"] = "Dart", [".ex"] = "Elixir", [".exs"] = "Elixir", [".hs"] = "Haskell",
    };

    private static readonly HashSet<string> TestFolders = new(StringComparer.OrdinalIgnoreCase) { "test", "tests", "__tests__", "spec", "specs" };

    private static readonly HashSet<string> ManifestNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "package.json", "packages.config", "Directory.Packages.props", "requirements.txt", "pyproject.toml", "Pipfile", "setup.py", "go.mod",
        "Cargo.toml", "pom.xml", "build.gradle", "build.gradle.kts", "Gemfile", "composer.json", "pubspec.yaml", "mix.exs",
    };

    private static readonly HashSet<string> ManifestExtensions = new(StringComparer.OrdinalIgnoreCase) { ".csproj", ".fsproj", ".vbproj" };

    private static readonly HashSet<string> BuildNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Makefile", "GNUmakefile", "CMakeLists.txt", "build.gradle", "build.gradle.kts", "pom.xml", "Dockerfile", "build.sh", "build.ps1",
        "build.cake", "justfile", "Rakefile", "meson.build", "BUILD", "BUILD.bazel", "WORKSPACE", "Directory.Build.props",
    };

    private static readonly HashSet<string> BuildExtensions = new(StringComparer.OrdinalIgnoreCase) { ".sln", ".slnx" };

    private static readonly SearchValues<byte> Zero = SearchValues.Create([(byte)0]);

    /// <summary>Runs every check on the files under <paramref name="root"/>.</summary>
    public static RepositoryChecks Inspect(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
        var files = new List<string>();
        Collect(root, root, options, files);
        files.Sort(StringComparer.Ordinal);

        var languages = new SortedDictionary<string, (int Files, long Lines)>(StringComparer.Ordinal);
        var ci = new SortedSet<string>(StringComparer.Ordinal);
        var manifests = new List<string>();
        var builds = new List<string>();
        string? licence = null, readme = null;
        int tests = 0, todos = 0, skipped = 0;
        long codeLines = 0;
        foreach (var path in files)
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            var atRoot = path.IndexOf('/', StringComparison.Ordinal) < 0;
            var extension = Path.GetExtension(name);
            if (Ci(path) is { } system)
            {
                ci.Add(system);
            }

            if (atRoot && licence is null && IsLicence(name))
            {
                licence = name;
            }

            if (atRoot && readme is null && name.StartsWith("README", StringComparison.OrdinalIgnoreCase))
            {
                readme = name;
            }

            if (ManifestNames.Contains(name) || ManifestExtensions.Contains(extension))
            {
                manifests.Add(path);
            }

            if (BuildNames.Contains(name) || BuildExtensions.Contains(extension))
            {
                builds.Add(path);
            }

            if (!Languages.TryGetValue(extension, out var language))
            {
                continue;
            }

            if (IsTest(path, name))
            {
                tests++;
            }

            var (lines, markers) = CountLines(Path.Combine(root, path));
            if (lines < 0)
            {
                skipped++;
                lines = 0;
            }

            var (f, l) = languages.GetValueOrDefault(language);
            languages[language] = (f + 1, l + lines);
            codeLines += lines;
            todos += markers;
        }

        return new RepositoryChecks(
            files.Count,
            codeLines,
            [.. languages.Select(p => new LanguageLines(p.Key, p.Value.Files, p.Value.Lines)).OrderByDescending(l => l.Lines).ThenBy(l => l.Language, StringComparer.Ordinal)],
            tests,
            [.. ci],
            licence,
            readme,
            [.. manifests.Take(MaxListed)],
            [.. builds.Take(MaxListed)],
            todos,
            codeLines == 0 ? 0 : Math.Round(todos * 1000.0 / codeLines, 2, MidpointRounding.AwayFromZero),
            skipped);
    }

    /// <summary>Every file under <paramref name="folder"/> as a '/'-separated path relative to <paramref name="root"/>, the .git folder left out.</summary>
    private static void Collect(string root, string folder, EnumerationOptions options, List<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", options))
        {
            files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        }

        foreach (var sub in Directory.EnumerateDirectories(folder, "*", options))
        {
            if (!string.Equals(Path.GetFileName(sub), ".git", StringComparison.Ordinal))
            {
                Collect(root, sub, options, files);
            }
        }
    }

    private static string? Ci(string path) => path switch
    {
        _ when path.StartsWith(".github/workflows/", StringComparison.Ordinal) && (path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal)) => "github-actions",
        "azure-pipelines.yml" or "azure-pipelines.yaml" => "azure-pipelines",
        ".gitlab-ci.yml" => "gitlab-ci",
        ".circleci/config.yml" => "circleci",
        ".travis.yml" => "travis",
        "Jenkinsfile" => "jenkins",
        _ => null,
    };

    private static bool IsLicence(string name) =>
        name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LICENCE", StringComparison.OrdinalIgnoreCase) ||
        name.StartsWith("COPYING", StringComparison.OrdinalIgnoreCase);

    private static bool IsTest(string path, string name)
    {
        var folders = path.Split('/')[..^1];
        return folders.Any(f => TestFolders.Contains(f) || f.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".Test", StringComparison.OrdinalIgnoreCase))
            || TestFileName().IsMatch(name);
    }

    /// <summary>Lines of a text file and its TODO/FIXME markers; (-1, 0) for a binary file (a NUL byte) or one too large to read.</summary>
    private static (long Lines, int Markers) CountLines(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            return (-1, 0);
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().ContainsAny(Zero))
        {
            return (-1, 0);
        }

        if (bytes.Length == 0)
        {
            return (0, 0);
        }

        var lines = bytes.AsSpan().Count((byte)'\n') + (bytes[^1] == (byte)'\n' ? 0 : 1);
        var markers = Marker().Count(System.Text.Encoding.UTF8.GetString(bytes));
        return (lines, markers);
    }

    [GeneratedRegex(@"(_test\.go|_test\.py|^test_.*\.py|\.(test|spec)\.[cm]?[jt]sx?|Tests?\.(cs|fs|vb|java|kt)|_spec\.rb)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TestFileName();

    [GeneratedRegex(@"\b(TODO|FIXME)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
