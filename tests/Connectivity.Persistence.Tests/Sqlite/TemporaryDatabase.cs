namespace Connectivity.Persistence.Tests.Sqlite;

/// <summary>A database path in a fresh temporary directory; <see cref="Delete"/> removes it with everything SQLite put beside it.</summary>
internal sealed class TemporaryDatabase
{
    private readonly string directory = Directory.CreateTempSubdirectory("connectivity-sqlite-").FullName;

    public string Path => System.IO.Path.Combine(directory, "store.db");

    public void Delete() => Directory.Delete(directory, recursive: true);
}
