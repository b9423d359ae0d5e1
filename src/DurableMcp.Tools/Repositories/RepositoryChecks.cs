namespace DurableMcp.Tools.Repositories;

/// <summary>What <see cref="RepositoryInspector"/> found in a checkout: the declared checks of <c>evaluate_repositories</c>.</summary>
/// <param name="Files">Files in the checkout (the .git folder left out).</param>
/// <param name="CodeLines">Lines of the files in a known language.</param>
/// <param name="Languages">Lines by language, most lines first.</param>
/// <param name="TestFiles">Code files that are tests: under a test folder (test, tests, __tests__, spec, *.Tests) or named like one (*_test.go, test_*.py, *.spec.ts, *Tests.cs...).</param>
/// <param name="Ci">The CI systems configured: github-actions, azure-pipelines, gitlab-ci, circleci, travis, jenkins.</param>
/// <param name="Licence">The licence file at the root (LICENSE, LICENCE, COPYING, with any extension), if any.</param>
/// <param name="Readme">The README at the root, if any.</param>
/// <param name="Manifests">Dependency manifests (package.json, *.csproj, requirements.txt, pyproject.toml, go.mod, Cargo.toml, pom.xml...), by path; at most <see cref="RepositoryInspector.MaxListed"/>.</param>
/// <param name="BuildFiles">Build files (Makefile, CMakeLists.txt, *.sln, build.gradle, Dockerfile...), by path; at most <see cref="RepositoryInspector.MaxListed"/>.</param>
/// <param name="Todos">TODO and FIXME markers in the code.</param>
/// <param name="TodosPer1000Lines">Markers per 1,000 code lines, rounded to two decimals (0 without code).</param>
/// <param name="SkippedFiles">Code files whose lines were not counted: binary, or over <see cref="RepositoryInspector.MaxFileBytes"/>.</param>
public sealed record RepositoryChecks(
    int Files,
    long CodeLines,
    IReadOnlyList<LanguageLines> Languages,
    int TestFiles,
    IReadOnlyList<string> Ci,
    string? Licence,
    string? Readme,
    IReadOnlyList<string> Manifests,
    IReadOnlyList<string> BuildFiles,
    int Todos,
    double TodosPer1000Lines,
    int SkippedFiles);
