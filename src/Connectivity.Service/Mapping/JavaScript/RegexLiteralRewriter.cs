using System.Text;
using System.Text.Json;
using Jint.Parser;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// Replaces regular expression literals by <c>new RegExp(source, flags)</c> calls. Jint 2.x caches the object a
/// non-global literal evaluates to in the syntax tree, so a parsed script shared by many engines would share that
/// object (and whatever a script stores on it) between messages and threads; ES5 wants a new object per evaluation,
/// which the constructor call gives. Each replacement stays on its line, so error positions keep their line.
/// </summary>
internal static class RegexLiteralRewriter
{
    /// <summary>The source with every regular expression literal rewritten; the source itself if it has none.</summary>
    public static string Rewrite(string source, IEnumerable<Token> tokens)
    {
        var literals = tokens.Where(t => t.Type == Tokens.RegularExpression).OrderBy(t => t.Range[0]).ToList();
        if (literals.Count == 0)
        {
            return source;
        }

        var rewritten = new StringBuilder(source.Length + (literals.Count * 20));
        var position = 0;
        foreach (var literal in literals)
        {
            var (start, end) = (literal.Range[0], literal.Range[1]);
            var text = source[start..end];
            var closing = text.LastIndexOf('/');
            var pattern = text[1..closing];
            var flags = text[(closing + 1)..];
            rewritten.Append(source, position, start - position)
                .Append("(new RegExp(").Append(JsonSerializer.Serialize(pattern)).Append(", ").Append(JsonSerializer.Serialize(flags)).Append("))");
            position = end;
        }

        return rewritten.Append(source, position, source.Length - position).ToString();
    }
}
