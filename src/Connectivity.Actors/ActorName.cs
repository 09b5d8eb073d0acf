namespace Connectivity.Actors;

/// <summary>Validation and generation of actor names (Akka's rules).</summary>
internal static class ActorName
{
    private const string Base64Chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
    private const string AllowedSpecials = "-_:.$%+=@!*;,'()~&";

    /// <summary>Throws <see cref="InvalidActorNameException"/> unless <paramref name="name"/> is a valid user-given name.</summary>
    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidActorNameException("An actor name must not be empty.");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException($"Actor name '{name}' must not start with '$'.");
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedSpecials.Contains(c, StringComparison.Ordinal))
            {
                throw new InvalidActorNameException($"Actor name '{name}' contains the illegal character '{c}'.");
            }
        }
    }

    /// <summary>The generated name for the <paramref name="n"/>-th anonymous child: <c>$a</c>, <c>$b</c>, ...</summary>
    public static string Generate(long n)
    {
        Span<char> buffer = stackalloc char[12];
        var length = 0;
        buffer[length++] = '$';
        do
        {
            buffer[length++] = Base64Chars[(int)(n & 63)];
            n >>= 6;
        }
        while (n != 0);
        return new string(buffer[..length]);
    }
}
