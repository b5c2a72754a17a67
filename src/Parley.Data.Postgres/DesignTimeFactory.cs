using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Parley.Data.Postgres;

/// <summary>Used only by `dotnet ef migrations add`; the server configures the real connection.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ParleyDbContext>
{
    public ParleyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ParleyDbContext>()
            .UseNpgsql("Host=localhost;Database=parley_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
