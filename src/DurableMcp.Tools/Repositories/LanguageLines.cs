namespace DurableMcp.Tools.Repositories;

/// <summary>The code of one language in a repository (by file extension).</summary>
/// <param name="Language">The language, for example C#.</param>
/// <param name="Files">Files with its extensions.</param>
/// <param name="Lines">Their lines (files over the size limit and binary files are not counted).</param>
public sealed record LanguageLines(string Language, int Files, long Lines);
