using SQLitePCL;

namespace Connectivity.Persistence.Sqlite;

/// <summary>Binds Microsoft.Data.Sqlite to the bundled e_sqlite3 native library, once per process.</summary>
internal static class SqliteNativeLibrary
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
