namespace Parley.Server.Features.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search/messages", MessageSearch.Handle).WithTags("Search")
            .WithSummary("Search the messages you can read: terms (partial words, any script) and filters from:, in:, has:, mentions:, pinned:, before:, after:.");
        return app;
    }
}
