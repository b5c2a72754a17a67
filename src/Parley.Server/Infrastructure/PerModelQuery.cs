using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Parley.Server.Infrastructure;

/// <summary>
/// An EF Core compiled query (EF.CompileAsyncQuery), compiled once per model. A compiled query skips rebuilding,
/// funcletizing and hashing the LINQ expression tree on every call, which on SQLite costs more than a small look-up
/// itself; but it runs only against the model it was compiled for, and one process may hold several (the tests run
/// SQLite and PostgreSQL apps side by side).
/// </summary>
public sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var model = db.Model;
        return _compiled.TryGetValue(model, out var query) ? query : _compiled.GetValue(model, _ => compile());
    }
}
