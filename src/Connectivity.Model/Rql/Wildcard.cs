namespace Connectivity.Model.Rql;

/// <summary>Whole-text matching of RQL <c>like</c> patterns: <c>*</c> any sequence, <c>?</c> one character.</summary>
internal static class Wildcard
{
    /// <summary>Greedy matching with a single backtrack point: linear for patterns without <c>*</c>, O(n·m) at worst.</summary>
    public static bool Matches(string text, string pattern, bool ignoreCase)
    {
        int t = 0, p = 0, starPattern = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starPattern = p++;
                starText = t;
            }
            else if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (starPattern >= 0)
            {
                p = starPattern + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
