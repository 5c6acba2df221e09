using Microsoft.Data.Sqlite;

namespace ModelRegistry.LocalRegistry.Storage;

/// <summary>Documents in one SQLite file (WAL journal, full sync). Each <see cref="Commit"/> is one
/// transaction, so a process killed mid-commit leaves the previously committed state on disk.</summary>
public sealed class SqliteDocumentStore : IDocumentStore, IDisposable
{
    public const string FileName = "registry.db";

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly DataDirectoryLock _lock;

    /// <exception cref="DataDirectoryException">Another registry holds the folder, or it holds no usable database.</exception>
    public SqliteDocumentStore(string dataDirectory)
    {
        SqliteLibrary.Install();
        _lock = DataDirectoryLock.Acquire(dataDirectory);
        DatabasePath = Path.Combine(dataDirectory, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=FULL;");
            Execute("PRAGMA busy_timeout=5000;");
            Execute("""
                CREATE TABLE IF NOT EXISTS documents (
                    collection TEXT NOT NULL,
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    json TEXT NOT NULL,
                    PRIMARY KEY (collection, scope, key)
                ) WITHOUT ROWID;
                """);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            _lock.Dispose();
            throw new DataDirectoryException(DataDirectoryException.UnusableExitCode, $"{e.Message.TrimEnd('.')}, in '{DatabasePath}'.", e);
        }
    }

    public string DatabasePath { get; }

    public string? Get(string collection, string scope, string key)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT json FROM documents WHERE collection = $collection AND scope = $scope AND key = $key;";
            command.Parameters.AddWithValue("$collection", collection);
            command.Parameters.AddWithValue("$scope", scope);
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> List(string collection, string scope)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT key, json FROM documents WHERE collection = $collection AND scope = $scope;";
            command.Parameters.AddWithValue("$collection", collection);
            command.Parameters.AddWithValue("$scope", scope);
            var documents = new List<KeyValuePair<string, string>>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    documents.Add(new KeyValuePair<string, string>(reader.GetString(0), reader.GetString(1)));
                }
            }

            // SQLite's BINARY collation orders UTF-8 bytes; the contract is ordinal UTF-16 order.
            documents.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            return documents;
        }
    }

    public void Commit(IReadOnlyList<DocumentWrite> writes)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var upsert = _connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO documents (collection, scope, key, json) VALUES ($collection, $scope, $key, $json)
                ON CONFLICT (collection, scope, key) DO UPDATE SET json = excluded.json;
                """;
            using var delete = _connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM documents WHERE collection = $collection AND scope = $scope AND key = $key;";

            // Any exception before Commit() disposes the transaction, which rolls every write back.
            foreach (var write in writes)
            {
                var command = write.Json is null ? delete : upsert;
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$collection", write.Collection);
                command.Parameters.AddWithValue("$scope", write.Scope);
                command.Parameters.AddWithValue("$key", write.Key);
                if (write.Json is not null)
                {
                    command.Parameters.AddWithValue("$json", write.Json);
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
            _lock.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
