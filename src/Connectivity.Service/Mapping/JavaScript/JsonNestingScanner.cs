namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// Measures how deeply JSON text nests without parsing it (brackets outside strings), so <c>JSON.parse</c> in a
/// script can refuse text that would recurse Jint's parser beyond the sandbox's limits.
/// </summary>
internal static class JsonNestingScanner
{
    /// <summary>Whether no array or object in <paramref name="text"/> is nested deeper than <paramref name="maxDepth"/>.</summary>
    public static bool IsWithin(string text, int maxDepth)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '[' or '{')
            {
                if (++depth > maxDepth)
                {
                    return false;
                }
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }

        return true;
    }
}
