namespace Parley.Server.Features.Search;

public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/search/messages", MessageSearch.Handle).WithTags("Search")
            .WithSummary("Search the messages you can read: terms (partial words, any script) and filters from:, in:, has:, mentions:, pinned:, before:, after:.")
            .WithDescription("Newest first by default (sort=relevance: shortest first). totalCount counts the matches of the whole search, "
                + "not of the page, and is returned on every page, but counting stops at 1,000: when more messages match, totalCount is 1,000 "
                + "and totalIsLowerBound is true (show it as \"1,000+\"); otherwise the count is exact and totalIsLowerBound is false. "
                + "nextCursor goes in cursor for the next page and is null on the last one.");
        return app;
    }
}
