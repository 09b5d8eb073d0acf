namespace Connectivity.Actors;

/// <summary>The children registry (shared with other threads under a lock) and child creation.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ChildEntry> _children = new(StringComparer.Ordinal);
    private readonly HashSet<ActorCell> _stoppingChildren = [];
    private long _nextChildName;
    private bool _acceptsChildren = true;

    public IReadOnlyCollection<IActorRef> Children
    {
        get
        {
            lock (_children)
            {
                return _children.Values.Select(entry => (IActorRef)entry.Cell.Self).ToArray();
            }
        }
    }

    public IActorRef ActorOf(Props props, string? name = null) => CreateChild(props, name, validateName: true, stopped: null).Self;

    public IActorRef? Child(string name) => GetChild(name)?.Self;

    /// <summary>Creates and starts a child; guardians skip validation for their own names.</summary>
    public ActorCell CreateChild(Props props, string? name, bool validateName, TaskCompletionSource? stopped)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null && validateName)
        {
            ActorName.Validate(name);
        }

        ActorCell child;
        lock (_children)
        {
            if (!_acceptsChildren)
            {
                throw new InvalidOperationException($"Actor {Path} is stopping and accepts no new children.");
            }

            name ??= ActorName.Generate(_nextChildName++);
            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Path}.");
            }

            child = new ActorCell(System, this, props, Path.Child(name)) { Stopped = stopped };
            _children.Add(name, new ChildEntry(child));
        }

        child.Start();
        return child;
    }

    public ActorCell? GetChild(string name)
    {
        lock (_children)
        {
            return _children.TryGetValue(name, out var entry) ? entry.Cell : null;
        }
    }

    private ChildEntry? GetChildEntry(ActorCell child)
    {
        lock (_children)
        {
            return _children.TryGetValue(child.Path.Name, out var entry) && entry.Cell == child ? entry : null;
        }
    }

    /// <summary>Frees the child's name; called by the child itself once it has stopped.</summary>
    private void RemoveChild(ActorCell child)
    {
        lock (_children)
        {
            if (_children.TryGetValue(child.Path.Name, out var entry) && entry.Cell == child)
            {
                _children.Remove(child.Path.Name);
                entry.CancelBackoff();
            }
        }
    }

    /// <summary>Stops all children and refuses new ones; true when there were none.</summary>
    private bool StopAllChildrenForTermination()
    {
        ActorCell[] children;
        lock (_children)
        {
            _acceptsChildren = false;
            children = _children.Values.Select(entry => entry.Cell).ToArray();
        }

        foreach (var child in children)
        {
            StopChild(child);
        }

        return children.Length == 0;
    }

    private void StopChild(ActorCell child)
    {
        _stoppingChildren.Add(child);
        child.SendSystem(Terminate.Instance);
    }

    private bool HasChildren()
    {
        lock (_children)
        {
            return _children.Count > 0;
        }
    }
}
