namespace Connectivity.Actors;

/// <summary>The position of an actor in the hierarchy, e.g. <c>/user/a/b</c>.</summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private readonly string _text;

    private ActorPath(ActorPath? parent, string name)
    {
        Parent = parent;
        Name = name;
        _text = parent is null ? "/" : parent.Parent is null ? "/" + name : parent._text + "/" + name;
        Elements = parent is null ? [] : [.. parent.Elements, name];
    }

    /// <summary>The root path <c>/</c>.</summary>
    public static ActorPath Root { get; } = new(null, string.Empty);

    /// <summary>The last element; empty for the root.</summary>
    public string Name { get; }

    /// <summary>The enclosing path; null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The elements below the root, e.g. <c>["user", "a", "b"]</c>.</summary>
    public IReadOnlyList<string> Elements { get; }

    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("An element must not contain '/'.", nameof(name));
        }

        return new ActorPath(this, name);
    }

    /// <summary>Parses an absolute path such as <c>/user/a/b</c>.</summary>
    public static ActorPath Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new FormatException($"'{path}' is not an absolute actor path.");
        }

        var result = Root;
        foreach (var element in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            result = result.Child(element);
        }

        return result;
    }

    public bool Equals(ActorPath? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ActorPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text;
}
